using Dashboard.Core.Query.Parsing;
using Dashboard.Core.Query.Remote;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Query.Remote;

/// <summary>The PromQL the remote source sends: every matcher read back by our PromQL parser as it was.</summary>
public sealed class RangeSelectorTextTests
{
    [Theory]
    [InlineData(LabelMatchType.Equal, "path", "a\"b\\c\nd\te\r\u0001 é 🙂")]
    [InlineData(LabelMatchType.NotEqual, "code", "")]
    [InlineData(LabelMatchType.Regex, "instance", "a|b\\.c(\\d+)?")]
    [InlineData(LabelMatchType.NotRegex, "_x9", ".*\"quoted\".*")]
    public void A_matcher_reads_back_as_it_was(LabelMatchType type, string name, string value)
    {
        IReadOnlyList<LabelMatcher> matchers = [LabelMatcher.Equal("__name__", "up"), new LabelMatcher(type, name, value)];

        var text = RangeSelectorText.Format(matchers, 300_001);

        var parsed = Assert.IsType<MatrixSelector>(PromQLParser.ParseExpr(text));
        Assert.Equal(TimeSpan.FromMilliseconds(300_001), parsed.Range);
        Assert.Equal(matchers.Select(m => (m.Type, m.Name, m.Value)), parsed.Selector.Matchers.Select(m => (m.Type, m.Name, m.Value)));
    }

    [Fact]
    public void Matchers_that_all_accept_the_empty_value_get_a_name_matcher_first()
    {
        var text = RangeSelectorText.Format([LabelMatcher.Equal("job", "")], 1);

        Assert.Equal("{__name__=~\".+\",job=\"\"}[1ms]", text);
    }

    [Fact]
    public void A_label_name_outside_PromQL_identifiers_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => RangeSelectorText.Format([LabelMatcher.Equal("__name__", "up"), LabelMatcher.Equal("9lives", "x")], 1));

        Assert.Equal("the label name \"9lives\" cannot be written in PromQL", error.Message);
    }
}
