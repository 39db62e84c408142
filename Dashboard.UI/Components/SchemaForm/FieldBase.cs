using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.UI.Model.SchemaForm;
using Microsoft.AspNetCore.Components;

namespace Dashboard.UI.Components.SchemaForm;

/// <summary>What every field of the schema form is given: its schema, where its value lives, its path and errors.</summary>
public abstract class FieldBase : ComponentBase
{
    /// <summary>The property name (or <c>name[i]</c> for an array row), the label when the schema has no title.</summary>
    [Parameter, EditorRequired]
    public required string Name { get; set; }

    /// <summary>The field's schema.</summary>
    [Parameter, EditorRequired]
    public required FieldSchema Schema { get; set; }

    /// <summary>Where the value lives in the edited JSON.</summary>
    [Parameter, EditorRequired]
    public required ValueSlot Slot { get; set; }

    /// <summary>The path the server's errors use for this value, e.g. <c>config.targets[1].url</c>.</summary>
    [Parameter, EditorRequired]
    public required string Path { get; set; }

    /// <summary>Whether the schema requires the value.</summary>
    [Parameter]
    public bool Required { get; set; }

    /// <summary>The server's errors.</summary>
    [Parameter]
    public FieldErrors Errors { get; set; } = FieldErrors.None;

    /// <summary>Shown, not editable (viewers).</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>Raised after the field changed the JSON.</summary>
    [Parameter]
    public EventCallback OnChange { get; set; }

    /// <summary>The label, with <c>*</c> when required.</summary>
    protected string Label => (Schema.Title ?? Name) + (Required ? " *" : "");

    /// <summary>The help line: the description, then the constraints.</summary>
    protected string? Help => string.Join(" · ", new[] { Schema.Description, Schema.Hints() }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } help
        ? help : null;

    /// <summary>The server's error for this value, or <see langword="null"/>.</summary>
    protected string? Error => Errors.For(Path);

    /// <summary>The value as text: a string as it is, anything else as JSON.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    protected static string? Display(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString();

    /// <summary>Replaces the value and tells the form.</summary>
    /// <param name="value">The new value; <see langword="null"/> leaves a property out.</param>
    /// <returns>A task.</returns>
    protected Task SetAsync(JsonNode? value)
    {
        Slot.Set(value);
        return OnChange.InvokeAsync();
    }

    /// <summary>The value typed in a text input, as the schema's type when it reads as one (else as text, for the server to refuse).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value, or <see langword="null"/> when empty.</returns>
    protected JsonNode? Typed(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Schema.Kind switch
        {
            FieldKind.WholeNumber when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            FieldKind.WholeNumber or FieldKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => Schema.Enum.FirstOrDefault(e => Display(e) == text)?.DeepClone() ?? JsonValue.Create(text),
        };
    }
}
