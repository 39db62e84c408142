using Dashboard.Core.Query.Parsing;
using Microsoft.AspNetCore.Components;

namespace Dashboard.UI.Components.Explorer;

/// <summary>
/// A PromQL text field that parses what is typed (in-process, debounced) and shows the parser's error, with its
/// line:column, under the field. Only a query that parses (or an empty one) is handed on through <see cref="Committed"/>.
/// </summary>
public sealed partial class QueryField
{
    private string _text = "";
    private string? _committed;
    private string? _error;

    /// <summary>The committed query: what the field shows when the page sets it.</summary>
    [Parameter]
    public string Text { get; set; } = "";

    /// <summary>The field's label.</summary>
    [Parameter]
    public string Label { get; set; } = "Query";

    /// <summary>The input element's id, for labels and tests.</summary>
    [Parameter]
    public string? InputId { get; set; }

    /// <summary>Whether the row offers a remove button.</summary>
    [Parameter]
    public bool Removable { get; set; }

    /// <summary>Raised with a query that parses, or an empty one.</summary>
    [Parameter]
    public EventCallback<string> Committed { get; set; }

    /// <summary>Raised when the remove button is pressed.</summary>
    [Parameter]
    public EventCallback Removed { get; set; }

    /// <summary>The parse error shown, or null.</summary>
    public string? Error => _error;

    /// <summary>The parser's verdict on <paramref name="query"/>: null when it parses, else its message (<c>1:9: parse error: …</c>).</summary>
    public static string? Check(string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        try
        {
            PromQLParser.ParseExpr(query);
            return null;
        }
        catch (PromQLSyntaxException ex)
        {
            return ex.Message;
        }
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        // The page changed the query (a deep link, a metric picked in the builder): show it; else keep what is typed.
        if (Text != _committed)
        {
            _committed = Text;
            _text = Text;
            _error = Check(Text);
        }
    }

    private void TextChanged(string? text) => _text = text ?? "";

    private async Task ParseAsync(string? text)
    {
        _text = text ?? "";
        _error = Check(_text);
        if (_error is null && _text.Trim() != _committed)
        {
            _committed = _text.Trim();
            await Committed.InvokeAsync(_committed);
        }
    }
}
