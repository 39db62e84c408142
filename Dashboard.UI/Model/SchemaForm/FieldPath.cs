namespace Dashboard.UI.Model.SchemaForm;

/// <summary>Paths of form fields, written as the server validator writes error paths: <c>config.targets[1].url</c>.</summary>
public static class FieldPath
{
    /// <summary>The path of a property.</summary>
    /// <param name="parent">The object's path, empty at the root.</param>
    /// <param name="name">The property name.</param>
    /// <returns>The path.</returns>
    public static string Property(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>The path of an array item.</summary>
    /// <param name="parent">The array's path.</param>
    /// <param name="index">The item's index.</param>
    /// <returns>The path.</returns>
    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
