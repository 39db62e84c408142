using Dashboard.Core.Audit;

namespace Dashboard.UI.Model;

/// <summary>Which audit entries the audit page shows: one action, and text found in any field.</summary>
public static class AuditFilter
{
    /// <summary>Whether an entry passes the filter.</summary>
    /// <param name="record">The entry.</param>
    /// <param name="action">The action it must have, or empty for any.</param>
    /// <param name="text">Text its actor, action, target or detail must contain (case-insensitive), or empty for any.</param>
    /// <returns><see langword="true"/> when the entry is shown.</returns>
    public static bool Matches(AuditRecord record, string? action, string? text)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entry = record.Entry;
        if (!string.IsNullOrEmpty(action) && !string.Equals(entry.Action, action, StringComparison.Ordinal))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var needle = text.Trim();
        return entry.Actor.Contains(needle, StringComparison.OrdinalIgnoreCase)
            || entry.Action.Contains(needle, StringComparison.OrdinalIgnoreCase)
            || entry.Target.Contains(needle, StringComparison.OrdinalIgnoreCase)
            || (entry.Detail?.Contains(needle, StringComparison.OrdinalIgnoreCase) ?? false);
    }
}
