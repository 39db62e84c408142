namespace Dashboard.UI.Model.SchemaForm;

/// <summary>How a schema value is edited in the form.</summary>
public enum FieldKind
{
    /// <summary>A text input (a select with <c>enum</c>, a password input when secret).</summary>
    Text,

    /// <summary>A whole-number input.</summary>
    WholeNumber,

    /// <summary>A number input.</summary>
    Number,

    /// <summary>A switch.</summary>
    Boolean,

    /// <summary>A fieldset with one field per property.</summary>
    Group,

    /// <summary>Rows that can be added, removed and reordered.</summary>
    List,

    /// <summary>An object of free names to values (<c>additionalProperties</c> or <c>patternProperties</c> only): name/value rows.</summary>
    Map,

    /// <summary>Anything the form has no input for (<c>anyOf</c>, several types): its JSON, edited as text.</summary>
    Json,
}
