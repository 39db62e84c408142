namespace Dashboard.Core.Configuration;

/// <summary>One reason a config was rejected, with the JSON path of the value at fault.</summary>
/// <param name="Path">Where, e.g. <c>instances[2].config.urls[0].url</c>.</param>
/// <param name="Message">What is wrong, in words an admin can act on.</param>
public sealed record ValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
