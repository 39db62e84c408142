namespace Dashboard.Core.Audit;

/// <summary>The append-only record of changes, logins and captures.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry, stamped with the current time. Never throws for a full disk: the failure is logged instead.</summary>
    /// <param name="entry">The entry.</param>
    void Record(AuditEntry entry);

    /// <summary>The newest entries, newest first.</summary>
    /// <param name="count">How many at most.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries with their times.</returns>
    Task<IReadOnlyList<AuditRecord>> ReadRecentAsync(int count, CancellationToken cancellationToken);
}
