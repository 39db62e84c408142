using System.Globalization;
using Dashboard.Core.Query.Functions;

namespace Dashboard.Core.Tests.Query.Functions;

/// <summary>
/// Per-sample functions and arithmetic/comparison operators against Prometheus 2.42: one sample per series (values
/// chosen for their edge cases: halves, NaN, infinities, zero divisors), each expression asked of
/// Prometheus and computed by our kernel.
/// </summary>
public sealed class ValueFunctionsGoldenTests(ValueFunctionsGoldenTests.Data data) : IClassFixture<ValueFunctionsGoldenTests.Data>
{
    // No -0: remote_write's protobuf leaves a zero value off the wire, so Prometheus would hold +0.
    private static readonly double[] Values =
        [0, 0.5, -0.5, 1.5, 2.5, -2.5, 7.25, -7.25, 1e300, -1e-300, 123.456, double.NaN, double.PositiveInfinity, double.NegativeInfinity];


    public static TheoryData<string> Expressions() =>
    [
        "abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "round", "round 0.5", "round 0.1", "round 3",
        "clamp -3 3", "clamp 5 -5", "clamp_min 0", "clamp_max 0",
        "+ 2", "- 2", "* -3", "/ 0", "/ -0.5", "% 3", "% -2.5", "% 0", "^ 2", "^ 0.5", "^ -1",
        "== 0.5", "!= 0.5", "> 1", "< 1", ">= -0.5", "<= 0",
    ];

    [Theory]
    [MemberData(nameof(Expressions))]
    public async Task Agrees_with_Prometheus(string expression)
    {
        var parts = expression.Split(' ');
        var (query, ours) = Build(parts);

        var theirs = await data.Prometheus.QueryAsync(query, data.TimeMs + 1000, "s");

        var disagreements = new List<string>();
        for (var i = 0; i < Values.Length; i++)
        {
            double? expected = theirs.TryGetValue(i.ToString(CultureInfo.InvariantCulture), out var value) ? value : null;
            var actual = ours(Values[i]);
            if (!GoldenPrometheus.Same(expected, actual))
            {
                disagreements.Add($"{query} on {Values[i].ToString("R", CultureInfo.InvariantCulture)}: Prometheus {GoldenPrometheus.Show(expected)}, ours {GoldenPrometheus.Show(actual)}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements));
    }

    private static (string Query, Func<double, double?> Ours) Build(string[] parts)
    {
        var op = parts[0];
        var args = parts.Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var argText = string.Join(", ", parts.Skip(1));
        if (ValueFunctions.Unary.TryGetValue(op, out var unary))
        {
            return ($"{op}(golden_v)", v => unary(v));
        }

        return op switch
        {
            "round" => ($"round(golden_v{(args.Length > 0 ? ", " + argText : string.Empty)})", v => ValueFunctions.Round(v, args.Length > 0 ? args[0] : 1)),
            "clamp" => ($"clamp(golden_v, {argText})", v => ValueFunctions.Clamp(v, args[0], args[1])),
            "clamp_min" => ($"clamp_min(golden_v, {argText})", v => ValueFunctions.ClampMin(v, args[0])),
            "clamp_max" => ($"clamp_max(golden_v, {argText})", v => ValueFunctions.ClampMax(v, args[0])),
            "+" or "-" or "*" or "/" or "%" or "^" => ($"golden_v {op} {argText}", v => ArithmeticOperators.Apply(op, v, args[0])),

            // Without bool a comparison keeps the sample (its value unchanged) where it holds; with bool it is 1 or 0.
            _ => ($"golden_v {op} bool {argText}", v => ArithmeticOperators.Compare(op, v, args[0]) ? 1 : 0),
        };
    }

    /// <summary>One Prometheus holding one sample per value, shared by every expression.</summary>
    public sealed class Data : IAsyncLifetime
    {
        public long TimeMs { get; } = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000) - 60_000;

        public GoldenPrometheus Prometheus { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Prometheus = await GoldenPrometheus.StartAsync(Values.Select((v, i) =>
                ((IReadOnlyList<(string, string)>)[("__name__", "golden_v"), ("s", i.ToString(CultureInfo.InvariantCulture))], new[] { TimeMs }, new[] { v })));

        public async Task DisposeAsync() => await Prometheus.DisposeAsync();
    }
}
