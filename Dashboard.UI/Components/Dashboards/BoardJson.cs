using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.UI.Components.Explorer;
using Dashboard.UI.Components.TimeRange;

namespace Dashboard.UI.Components.Dashboards;

/// <summary>
/// Reads and writes a board's JSON (docs/dashboards.md). Reading checks everything a board needs and collects every
/// problem with its JSON path (<c>$.panels[1].queries[0]: 1:5: parse error: …</c>), so one look fixes them all.
/// </summary>
public static partial class BoardJson
{
    /// <summary>The most panels a board may have.</summary>
    public const int MaxPanels = 50;

    /// <summary>The most queries a panel may have.</summary>
    public const int MaxQueries = 10;

    private static readonly JsonWriterOptions Indented = new() { Indented = true };
    private static readonly string[] BoardProperties = ["id", "title", "description", "range", "panels"];
    private static readonly string[] PanelProperties = ["title", "queries", "width"];

    /// <summary>Whether <paramref name="id"/> may name a board (and its file).</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Reads a board; null and the problems found when it is not one.</summary>
    public static Board? Parse(string json, out IReadOnlyList<string> errors)
    {
        var found = new List<string>();
        errors = found;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            found.Add($"not JSON: {ex.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                found.Add("$: a board is a JSON object");
                return null;
            }

            Unknown(root, "$", BoardProperties, found);
            var id = Text(root, "$", "id", found, required: true);
            if (id is not null && !IsValidId(id))
            {
                found.Add($"$.id: \"{id}\" is not a board id: use 1–64 lower-case letters, digits, - and _, starting with a letter or digit");
            }

            var title = Text(root, "$", "title", found, required: true, maxLength: 100);
            var description = Text(root, "$", "description", found, required: false, maxLength: 500);
            var range = Text(root, "$", "range", found, required: false);
            if (range is not null && RelativeRange.Find(range) is null)
            {
                found.Add($"$.range: unknown range \"{range}\"; use one of {string.Join(", ", RelativeRange.All.Select(r => r.Text))}");
            }

            var panels = Panels(root, found);
            return found.Count == 0 ? new Board(id!, title!, description, range, panels) : null;
        }
    }

    /// <summary>Writes a board as indented JSON, as export and save do.</summary>
    public static string Write(Board board)
    {
        ArgumentNullException.ThrowIfNull(board);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteString("id", board.Id);
            json.WriteString("title", board.Title);
            if (board.Description is not null)
            {
                json.WriteString("description", board.Description);
            }

            if (board.Range is not null)
            {
                json.WriteString("range", board.Range);
            }

            json.WriteStartArray("panels");
            foreach (var panel in board.Panels)
            {
                json.WriteStartObject();
                json.WriteString("title", panel.Title);
                json.WriteStartArray("queries");
                foreach (var query in panel.Queries)
                {
                    json.WriteStringValue(query);
                }

                json.WriteEndArray();
                json.WriteNumber("width", panel.Width);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<BoardPanel> Panels(JsonElement root, List<string> found)
    {
        var panels = new List<BoardPanel>();
        if (!root.TryGetProperty("panels", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            found.Add("$.panels: required, an array of panels");
            return panels;
        }

        if (array.GetArrayLength() is 0 or > MaxPanels)
        {
            found.Add($"$.panels: a board has 1 to {MaxPanels} panels, not {array.GetArrayLength()}");
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"$.panels[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                found.Add($"{path}: a panel is a JSON object");
                continue;
            }

            Unknown(element, path, PanelProperties, found);
            var title = Text(element, path, "title", found, required: true, maxLength: 100);
            var queries = Queries(element, path, found);
            var width = 6;
            if (element.TryGetProperty("width", out var w) && (w.ValueKind != JsonValueKind.Number || !w.TryGetInt32(out width) || width is < 1 or > 12))
            {
                found.Add($"{path}.width: a whole number of twelfths from 1 to 12, not {w.GetRawText()}");
            }

            if (title is not null && queries is not null)
            {
                panels.Add(new BoardPanel(title, queries, width));
            }
        }

        return panels;
    }

    private static List<string>? Queries(JsonElement panel, string path, List<string> found)
    {
        if (!panel.TryGetProperty("queries", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            found.Add($"{path}.queries: required, an array of PromQL strings");
            return null;
        }

        if (array.GetArrayLength() is 0 or > MaxQueries)
        {
            found.Add($"{path}.queries: a panel has 1 to {MaxQueries} queries, not {array.GetArrayLength()}");
        }

        var queries = new List<string>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var at = $"{path}.queries[{index++}]";
            if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
            {
                found.Add($"{at}: a PromQL string, not {element.GetRawText()}");
                continue;
            }

            var query = element.GetString()!;
            if (QueryField.Check(query) is { } error)
            {
                found.Add($"{at}: {error}");
                continue;
            }

            queries.Add(query);
        }

        return queries;
    }

    private static string? Text(JsonElement element, string path, string name, List<string> found, bool required, int maxLength = 64)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                found.Add($"{path}.{name}: required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            found.Add($"{path}.{name}: a non-empty string, not {value.GetRawText()}");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            found.Add($"{path}.{name}: at most {maxLength} characters, not {text.Length}");
            return null;
        }

        return text;
    }

    // A misspelt property ("querys") would otherwise be ignored and the panel silently lose its queries.
    private static void Unknown(JsonElement element, string path, string[] known, List<string> found)
    {
        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
        {
            found.Add($"{path}.{property.Name}: unknown property; known are {string.Join(", ", known)}");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}
