using Dashboard.Core.Query;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Query;

public sealed class SeriesSelectorParserTests
{
    [Theory]
    [InlineData("up", "__name__=\"up\"")]
    [InlineData("node_cpu_seconds_total{mode=\"idle\", cpu!=\"0\"}", "__name__=\"node_cpu_seconds_total\"|mode=\"idle\"|cpu!=\"0\"")]
    [InlineData("{__name__=~\"node_.*\",job!~'a|b'}", "__name__=~\"node_.*\"|job!~\"a|b\"")]
    [InlineData("  rate:sum { a = `x\\y` , } ", "__name__=\"rate:sum\"|a=\"x\\y\"")]
    [InlineData("m{a=\"q\\\"uote\\n\\u00e9\"}", "__name__=\"m\"|a=\"q\"uote\n\u00e9\"")]
    public void Selectors_parse_into_matchers(string text, string expected)
    {
        Assert.Equal(expected, string.Join('|', SeriesSelectorParser.Parse(text)));
    }

    [Theory]
    [InlineData("", "no expression found in input")]
    [InlineData("{job=~\".*\"}", "at least one non-empty matcher")]
    [InlineData("up{job=\"a\"", "1:11: parse error: unexpected end of input inside braces")]
    [InlineData("up{job=a}", "unexpected identifier \"a\" in label matching, expected string")]
    [InlineData("up{job~\"a\"}", "unexpected character '~' in label matching, expected label matching operator")]
    [InlineData("up{job=~\"(\"}", "invalid regular expression for label job")]
    [InlineData("up extra", "1:4: parse error: unexpected identifier \"extra\"")]
    [InlineData("up{9a=\"x\"}", "bad number or duration syntax: \"9a\"")]
    [InlineData("rate(up[5m])", "expected type instant vector selector, got instant vector expression")]
    public void Malformed_selectors_are_refused_with_the_place_and_the_cause(string text, string fragment)
    {
        var error = Assert.Throws<SelectorSyntaxException>(() => SeriesSelectorParser.Parse(text));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regex_matchers_are_anchored_like_prometheus()
    {
        var matcher = Assert.Single(SeriesSelectorParser.Parse("{job=~\"api\"}"));

        Assert.Equal(LabelMatchType.Regex, matcher.Type);
        Assert.True(matcher.Matches("api"));
        Assert.False(matcher.Matches("api-2"));
    }
}
