using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.UI.Model.SchemaForm;
using Microsoft.AspNetCore.Components;

namespace Dashboard.UI.Components.SchemaForm;

/// <summary>
/// Edits one instance entry in place, as a form generated from its schema and as raw JSON side by side. The form's
/// edits rewrite the JSON text; JSON that parses replaces the entry and the form follows; JSON that does not parse
/// stays in the text box with its error and leaves the entry alone.
/// </summary>
public sealed partial class ConfigEditor
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private ValueSlot _root = new(() => null, _ => { });
    private JsonObject? _shown;
    private string _text = "";

    /// <summary>The entry's form.</summary>
    [Parameter, EditorRequired]
    public required FieldSchema Schema { get; set; }

    /// <summary>The entry edited, changed in place.</summary>
    [Parameter, EditorRequired]
    public required JsonObject Entry { get; set; }

    /// <summary>The server's errors for the entry.</summary>
    [Parameter]
    public FieldErrors Errors { get; set; } = FieldErrors.None;

    /// <summary>Shown, not editable (viewers).</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>Raised after the entry changed, from either side.</summary>
    [Parameter]
    public EventCallback OnChange { get; set; }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        // A new entry (loaded, reloaded) is shown afresh; the same one keeps the text being typed.
        if (!ReferenceEquals(_shown, Entry))
        {
            _shown = Entry;
            var entry = Entry;
            _root = new ValueSlot(() => entry, _ => { });
            _text = Entry.ToJsonString(Indented);
        }
    }

    private Task FormChangedAsync()
    {
        _text = Entry.ToJsonString(Indented);
        return OnChange.InvokeAsync();
    }

    private Task RawChangedAsync((string Text, JsonObject Value) typed)
    {
        _text = typed.Text;
        Entry.Clear();
        foreach (var (name, value) in typed.Value.ToList())
        {
            typed.Value.Remove(name);
            Entry[name] = value;
        }

        return OnChange.InvokeAsync();
    }
}
