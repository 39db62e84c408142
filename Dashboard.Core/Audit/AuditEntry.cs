namespace Dashboard.Core.Audit;

/// <summary>One thing someone did that an admin must be able to trace: who, what, on what, and the change.</summary>
/// <param name="Actor">Who: the authenticated caller (<c>apikey:ops-bot</c>, <c>browser:admin</c>, <c>oidc:alice</c>), or <c>file</c> for an edit on disk.</param>
/// <param name="Action">What, one of <see cref="AuditActions"/>.</param>
/// <param name="Target">On what: an instance id, a plugin name, a file, a route.</param>
/// <param name="Detail">The change (a diff for config, with secrets masked) or the outcome; never a secret.</param>
public sealed record AuditEntry(string Actor, string Action, string Target, string? Detail = null);
