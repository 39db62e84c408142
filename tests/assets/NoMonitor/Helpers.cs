using Dashboard.Abstractions;

namespace NoMonitor;

/// <summary>Uses the contract (so the assembly references it) but implements no monitor.</summary>
public static class Helpers
{
    public static Label Environment(string value) => new("env", value);
}
