namespace Dashboard.Core.Audit;

/// <summary>An audit entry as stored: the entry and when it was recorded.</summary>
/// <param name="At">When.</param>
/// <param name="Entry">Who did what.</param>
public sealed record AuditRecord(DateTimeOffset At, AuditEntry Entry);
