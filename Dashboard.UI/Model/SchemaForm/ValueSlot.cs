using System.Text.Json.Nodes;

namespace Dashboard.UI.Model.SchemaForm;

/// <summary>
/// Where a field's value lives in the edited JSON: a property of an object or an item of an array. Setting
/// <see langword="null"/> on a property removes it, so the server applies the default.
/// </summary>
/// <param name="Get">Reads the value.</param>
/// <param name="Set">Replaces the value (a node without parent).</param>
public sealed record ValueSlot(Func<JsonNode?> Get, Action<JsonNode?> Set)
{
    /// <summary>The slot of a property.</summary>
    /// <param name="owner">The object, read each time (it may be created on the first edit).</param>
    /// <param name="name">The property name.</param>
    /// <returns>The slot.</returns>
    public static ValueSlot Property(Func<JsonObject> owner, string name)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new ValueSlot(() => owner()[name], value =>
        {
            if (value is null)
            {
                owner().Remove(name);
            }
            else
            {
                owner()[name] = value;
            }
        });
    }

    /// <summary>The slot of an array item.</summary>
    /// <param name="array">The array.</param>
    /// <param name="index">The item's index.</param>
    /// <returns>The slot.</returns>
    public static ValueSlot Item(JsonArray array, int index)
    {
        ArgumentNullException.ThrowIfNull(array);
        return new ValueSlot(() => index < array.Count ? array[index] : null, value => array[index] = value);
    }
}
