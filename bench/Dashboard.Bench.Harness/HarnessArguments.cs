using System.Globalization;

namespace Dashboard.Bench.Harness;

/// <summary>The <c>--name value</c> and <c>--flag</c> options after the benchmark's name.</summary>
internal sealed class HarnessArguments
{
    private readonly Dictionary<string, string?> _values;

    private HarnessArguments(Dictionary<string, string?> values) => _values = values;

    public static HarnessArguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var name = args[i][2..];
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[name] = hasValue ? args[++i] : null;
        }

        return new HarnessArguments(values);
    }

    public int Int(string name, int fallback, int min = 1)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"--{name} needs an integer ≥ {min}, not '{text}'.");
    }

    public long Long(string name, long fallback, long min = 0)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"--{name} needs an integer ≥ {min}, not '{text}'.");
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.ContainsKey(name);
}
