namespace Dashboard.Core.Configuration.Editing;

/// <summary>What became of an edit of <c>plugins.json</c>: saved, or why nothing was written.</summary>
public abstract record EditResult
{
    private EditResult()
    {
    }

    /// <summary>Written, audited, and the instances reconciled with it.</summary>
    /// <param name="Version">The new version of what was edited (the instance entry or the file); <see langword="null"/> after a removal.</param>
    /// <param name="Created">Whether the edit created what it names.</param>
    public sealed record Saved(string? Version, bool Created) : EditResult;

    /// <summary>The edit breaks a check; each error has the path of the value at fault, relative to what was edited.</summary>
    /// <param name="Errors">The errors.</param>
    public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : EditResult;

    /// <summary>The edit was based on a version that is no longer the current one.</summary>
    /// <param name="Current">The current version, or <see langword="null"/> when the target no longer exists.</param>
    public sealed record Stale(string? Current) : EditResult;

    /// <summary>The file changed between the edit's read and its write (an edit on disk, another save).</summary>
    /// <param name="Message">What changed, for an admin.</param>
    /// <param name="Current">The version of the target as read before the write.</param>
    public sealed record Conflict(string Message, string? Current) : EditResult;

    /// <summary>There is nothing with that id to edit or remove.</summary>
    public sealed record NotFound : EditResult;

    /// <summary>The file on disk does not parse, so one entry cannot be edited in it.</summary>
    /// <param name="Message">Why, with line and column.</param>
    public sealed record Unreadable(string Message) : EditResult;
}
