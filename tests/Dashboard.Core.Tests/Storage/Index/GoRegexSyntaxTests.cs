using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Storage.Index;

/// <summary>Go's (RE2) regex syntax read as Go reads it, through the matcher PromQL selectors use.</summary>
public sealed class GoRegexSyntaxTests
{
    [Theory]
    [InlineData("[[:alpha:]]+", "api", true)]
    [InlineData("[[:alpha:]]+", "api1", false)]
    [InlineData("a:[[:digit:]]+", "a:8080", true)]
    [InlineData("[[:upper:][:digit:]_]+", "A_1", true)]
    [InlineData(@"\pL+", "Zürich", true)]
    [InlineData(@"\PL+", "123", true)]
    [InlineData(@"\p{Lu}x", "Ax", true)]
    [InlineData(@"\Qa.b\E", "a.b", true)]
    [InlineData(@"\Qa.b\E", "axb", false)]
    [InlineData(@"[\Q]-\E]+", "]-]", true)]
    [InlineData(@"\d+", "١٢", false)] // Arabic-Indic digits: \d is ASCII in Go
    [InlineData(@"\d+", "12", true)]
    [InlineData(@"\w+", "ü", false)]
    [InlineData(@"\s", "\u00a0", false)]
    [InlineData(@"\D+", "ab", true)]
    [InlineData(@"[\d.]+", "1.5", true)]
    [InlineData("(?i)API", "api", true)]
    [InlineData("(?P<x>a)b", "ab", true)]
    [InlineData("(?:a|b){2,3}", "aba", true)]
    [InlineData("a.b", "a\nb", false)] // 2.42: `.` stops at a newline
    [InlineData("(?s)a.b", "a\nb", true)]
    [InlineData("a$", "a\n", false)]
    public void Matches_as_Go_does(string pattern, string value, bool matches) =>
        Assert.Equal(matches, new LabelMatcher(LabelMatchType.Regex, "l", pattern).Matches(value));

    [Theory]
    [InlineData("(?U)a+", "a+?")]
    [InlineData("(?U)a+?", "a+")]
    [InlineData("(?U:a*)b*", "(?:a*?)b*")]
    [InlineData("(?iU)a{2,}", "(?i)a{2,}?")]
    [InlineData("(?U)(a?)(?:b)", "(a??)(?:b)")]
    [InlineData("x{1}y{", "x{1}y{")]
    public void The_ungreedy_flag_becomes_lazy_quantifiers(string go, string dotNet) =>
        Assert.Equal(dotNet, GoRegexSyntax.ToDotNet(go));

    [Fact]
    public void A_negated_posix_class_is_refused_with_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new LabelMatcher(LabelMatchType.Regex, "l", "[[:^alpha:]]"));

        Assert.Contains("[:^alpha:]", error.Message);
    }
}
