using System.Text;
using CsCheck;
using Dashboard.Core.Query.Parsing;

namespace Dashboard.Core.Tests.Query.Parsing;

/// <summary>
/// The parser over random and mutated queries (11,000 per run): it returns a tree or throws
/// <see cref="PromQLSyntaxException"/>, nothing else, and every tree it returns prints back to text that parses to
/// the same tree.
/// </summary>
public sealed class PromQLParserFuzzTests
{
    // Pieces that queries are made of, so random text reaches the parser's branches rather than the lexer's first check.
    private static readonly string[] Tokens =
    [
        "up", "x", "node_cpu_seconds_total", "job:rate:5m", "{", "}", "(", ")", "[", "]", ",", ":", "@", "=", "!=", "=~", "!~",
        "==", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "^", "and", "or", "unless", "atan2", "bool", "on", "ignoring",
        "group_left", "group_right", "by", "without", "offset", "start()", "end()", "sum", "avg", "topk", "count_values",
        "quantile", "rate", "irate", "histogram_quantile", "label_replace", "time", "vector", "abs", "round", "absent",
        "5m", "1h30m", "0s", "100ms", "1", "0.5", "-1", "0x1F", "1e3", "Inf", "NaN", "\"a\"", "'b'", "`c`", "\"\\n\"", "\"",
        "'", "`", "\\", "# c\n", " ", "  ", "\n", "\t", "job", "le", "é", "\u0000", "9a", "5x",
    ];

    private static readonly Gen<string> TokenSoup =
        Gen.Int[0, Tokens.Length - 1].Array[0, 40].Select(picks => string.Join(' ', picks.Select(p => Tokens[p])));

    private static readonly Gen<string> RandomText =
        Gen.Char["{}()[],:@=!~<>+-*/%^\"'`\\#. \n_aeimnostxyz0159"].Array[0, 60].Select(chars => new string(chars));

    private static readonly Gen<string> MutatedQueries =
        Gen.Select(Gen.Int[0, ValidQueries.All.Length - 1], Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]).Array[1, 6])
            .Select((seed, mutations) => Mutate(ValidQueries.All[seed].Query, mutations));

    [Fact]
    public void Mutated_valid_queries_parse_or_fail_with_a_syntax_error() =>
        RunBounded(() => MutatedQueries.Sample(ParsesOrFailsCleanly, iter: 6000));

    [Fact]
    public void Token_soup_parses_or_fails_with_a_syntax_error() =>
        RunBounded(() => TokenSoup.Sample(ParsesOrFailsCleanly, iter: 3000));

    [Fact]
    public void Random_text_parses_or_fails_with_a_syntax_error() =>
        RunBounded(() => RandomText.Sample(ParsesOrFailsCleanly, iter: 2000));

    private static void ParsesOrFailsCleanly(string query)
    {
        Expr expr;
        try
        {
            expr = PromQLParser.ParseExpr(query);
        }
        catch (PromQLSyntaxException)
        {
            return;
        }

        var printed = expr.ToString();
        Assert.Equal(printed, PromQLParser.ParseExpr(printed).ToString());
    }

    // A parser that loops forever would hang the run; this turns a hang into a failure instead (not a speed check).
    private static void RunBounded(Action run)
    {
        var sampling = Task.Run(run);
        Assert.True(sampling.Wait(TimeSpan.FromMinutes(2)), "the parser did not finish: a hang");
        sampling.GetAwaiter().GetResult();
    }

    private static string Mutate(string query, (int Kind, int A, int B)[] mutations)
    {
        var text = new StringBuilder(query);
        foreach (var (kind, a, b) in mutations)
        {
            var at = text.Length == 0 ? 0 : a % (text.Length + 1);
            switch (kind)
            {
                case 0 when text.Length > 0: // delete a run of characters
                    at = Math.Min(at, text.Length - 1);
                    text.Remove(at, Math.Min(1 + (b % 4), text.Length - at));
                    break;
                case 1: // insert a token
                    text.Insert(at, Tokens[b % Tokens.Length]);
                    break;
                case 2 when text.Length > 1: // swap two characters
                    var other = b % text.Length;
                    at = Math.Min(at, text.Length - 1);
                    (text[at], text[other]) = (text[other], text[at]);
                    break;
                case 3: // insert a random character
                    text.Insert(at, (char)(32 + (b % 95)));
                    break;
                case 4 when text.Length > 0: // swap a token-sized slice with another place
                    at = Math.Min(at, text.Length - 1);
                    var length = Math.Min(1 + (b % 6), text.Length - at);
                    var slice = text.ToString(at, length);
                    text.Remove(at, length);
                    text.Insert(b % (text.Length + 1), slice);
                    break;
            }
        }

        return text.ToString();
    }
}
