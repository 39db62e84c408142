using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Core.Configuration;

/// <summary>
/// Edits one instance of <c>plugins.json</c>'s text for the API: finds, replaces, appends or removes the entry with an
/// id, and writes the file back indented. Comments in the file do not survive an edit made this way (the raw editor,
/// <c>PUT /api/config</c>, keeps the text as sent).
/// </summary>
public static class PluginsFileEditor
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The entry with <paramref name="id"/>, as written, or <see langword="null"/>.</summary>
    /// <param name="text">The file's text, or <see langword="null"/> when there is no file.</param>
    /// <param name="id">The instance id.</param>
    /// <returns>A copy of the entry.</returns>
    /// <exception cref="ConfigFormatException">The text is not a <c>plugins.json</c>.</exception>
    public static JsonObject? FindInstance(string? text, string id)
    {
        var instances = Instances(Root(text));
        return IndexOf(instances, id) is var index and >= 0 ? (JsonObject)instances[index]!.DeepClone() : null;
    }

    /// <summary>The text with the entry of the same id replaced by <paramref name="entry"/>, or with it appended.</summary>
    /// <param name="text">The file's text, or <see langword="null"/> when there is no file.</param>
    /// <param name="entry">The entry, with its <c>id</c>.</param>
    /// <returns>The new text.</returns>
    /// <exception cref="ConfigFormatException">The text is not a <c>plugins.json</c>.</exception>
    public static string PutInstance(string? text, JsonObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var root = Root(text);
        var instances = Instances(root);
        var id = entry["id"]?.GetValue<string>() ?? throw new ArgumentException("the entry has no id", nameof(entry));
        var copy = entry.DeepClone();
        if (IndexOf(instances, id) is var index and >= 0)
        {
            instances[index] = copy;
        }
        else
        {
            instances.Add(copy);
        }

        return Write(root);
    }

    /// <summary>The text without the entry of <paramref name="id"/>, or <see langword="null"/> when there is none.</summary>
    /// <param name="text">The file's text, or <see langword="null"/> when there is no file.</param>
    /// <param name="id">The instance id.</param>
    /// <returns>The new text.</returns>
    /// <exception cref="ConfigFormatException">The text is not a <c>plugins.json</c>.</exception>
    public static string? RemoveInstance(string? text, string id)
    {
        var root = Root(text);
        var instances = Instances(root);
        var index = IndexOf(instances, id);
        if (index < 0)
        {
            return null;
        }

        instances.RemoveAt(index);
        return Write(root);
    }

    private static JsonObject Root(string? text)
    {
        if (text is null)
        {
            return new JsonObject { ["instances"] = new JsonArray() };
        }

        // The parser's checks and messages, so an edit refuses a file exactly when loading it would.
        PluginsFileParser.Parse(text);
        return (JsonObject)JsonNode.Parse(text, documentOptions: DocumentOptions)!;
    }

    private static JsonArray Instances(JsonObject root) => (JsonArray)root["instances"]!;

    private static int IndexOf(JsonArray instances, string id)
    {
        for (var i = 0; i < instances.Count; i++)
        {
            if (instances[i] is JsonObject entry && entry["id"] is JsonValue value
                && value.TryGetValue<string>(out var entryId) && entryId == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Write(JsonObject root) => root.ToJsonString(Indented) + "\n";
}
