namespace Dashboard.Core.Configuration.Editing;

/// <summary>
/// The version an edit was based on, checked before anything is written (optimistic concurrency): any version, one of
/// a list (as <c>If-Match</c> sends them, <c>*</c> meaning "whatever exists"), or "must not exist yet".
/// </summary>
public sealed class ExpectedVersion
{
    private readonly IReadOnlyList<string>? _versions;
    private readonly bool _absent;

    private ExpectedVersion(IReadOnlyList<string>? versions, bool absent)
    {
        _versions = versions;
        _absent = absent;
    }

    /// <summary>No precondition: the edit applies to whatever is there.</summary>
    public static ExpectedVersion Any { get; } = new(null, false);

    /// <summary>The edit creates: it is refused when the target already exists.</summary>
    public static ExpectedVersion Absent { get; } = new(null, true);

    /// <summary>The versions the edit may apply to, as listed (the one read when the edit began).</summary>
    public IReadOnlyList<string>? Versions => _versions;

    /// <summary>The edit applies only to one of these versions; <c>*</c> matches anything that exists.</summary>
    /// <param name="versions">The versions.</param>
    /// <returns>The expectation.</returns>
    public static ExpectedVersion OneOf(IReadOnlyList<string> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return new ExpectedVersion(versions, false);
    }

    /// <summary>Whether an edit may apply to <paramref name="current"/>.</summary>
    /// <param name="current">The current version, or <see langword="null"/> when the target does not exist.</param>
    /// <returns>Whether the expectation holds.</returns>
    public bool Allows(string? current) =>
        _absent ? current is null
        : _versions is null || _versions.Any(v => v == "*" ? current is not null : v == current);
}
