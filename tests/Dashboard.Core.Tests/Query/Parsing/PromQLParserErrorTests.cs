using Dashboard.Core.Query.Parsing;

namespace Dashboard.Core.Tests.Query.Parsing;

public sealed class PromQLParserErrorTests
{
    [Theory]
    [InlineData("foo{bar=}", 8, "1:9: parse error: unexpected \"}\" in label matching, expected string")]
    [InlineData("foo{bar}", 7, "1:8: parse error: unexpected \"}\" in label matching, expected label matching operator")]
    [InlineData("foo{bar=\"a\" baz=\"b\"}", 12, "1:13: parse error: unexpected identifier \"baz\" in label matching, expected \",\" or \"}\"")]
    [InlineData("foo{bar=\"a\"", 11, "1:12: parse error: unexpected end of input inside braces")]
    [InlineData("foo{+}", 4, "1:5: parse error: unexpected <op:+> in label matching, expected identifier or \"}\"")]
    [InlineData("", 0, "1:1: parse error: no expression found in input")]
    [InlineData("a +", 3, "1:4: parse error: unexpected end of input")]
    [InlineData("foo bar", 4, "1:5: parse error: unexpected identifier \"bar\"")]
    [InlineData("x 5m", 2, "1:3: parse error: unexpected duration \"5m\"")]
    [InlineData("sum(x", 5, "1:6: parse error: unclosed left parenthesis")]
    [InlineData("(x", 2, "1:3: parse error: unclosed left parenthesis")]
    [InlineData("x)", 1, "1:2: parse error: unexpected right parenthesis ')'")]
    [InlineData("x[5m", 4, "1:5: parse error: unclosed left bracket")]
    [InlineData("x[5x]", 2, "1:3: parse error: bad number or duration syntax: \"5x\"")]
    [InlineData("x[1.5m]", 2, "1:3: parse error: bad number or duration syntax: \"1.5m\"")]
    [InlineData("x[]", 2, "1:3: parse error: unexpected \"]\" in subquery or range, expected duration")]
    [InlineData("x[5m:1m:]", 7, "1:8: parse error: unexpected \":\" in subquery selector, expected \"]\"")]
    [InlineData("\"abc", 0, "1:1: parse error: unterminated quoted string")]
    [InlineData("\"a\\qb\"", 2, "1:3: parse error: unknown escape sequence '\\q'")]
    [InlineData("{}", 0, "1:1: parse error: vector selector must contain at least one non-empty matcher")]
    [InlineData("{job=~\".*\"}", 0, "1:1: parse error: vector selector must contain at least one non-empty matcher")]
    [InlineData("foo{__name__=\"bar\"}", 13, "1:14: parse error: metric name must not be set twice: \"foo\" or \"bar\"")]
    [InlineData("foo(x)", 0, "1:1: parse error: unknown function with name \"foo\"")]
    [InlineData("rate(x)", 5, "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector")]
    [InlineData("abs(x[5m])", 4, "1:5: parse error: expected type instant vector in call to function \"abs\", got range vector")]
    [InlineData("label_replace(x, \"a\", 1, \"b\", \"c\")", 22, "1:23: parse error: expected type string in call to function \"label_replace\", got scalar")]
    [InlineData("round()", 0, "1:1: parse error: expected at least 1 argument(s) in call to \"round\", got 0")]
    [InlineData("round(x, 1, 2)", 0, "1:1: parse error: expected at most 2 argument(s) in call to \"round\", got 3")]
    [InlineData("time(1)", 0, "1:1: parse error: expected 0 argument(s) in call to \"time\", got 1")]
    [InlineData("histogram_quantile(x, y)", 19, "1:20: parse error: expected type scalar in call to function \"histogram_quantile\", got instant vector")]
    [InlineData("sum(x[5m])", 4, "1:5: parse error: expected type instant vector in aggregation expression, got range vector")]
    [InlineData("sum(x, y)", 0, "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2")]
    [InlineData("topk(x)", 0, "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1")]
    [InlineData("topk(x, y)", 5, "1:6: parse error: expected type scalar in aggregation parameter, got instant vector")]
    [InlineData("count_values(1, x)", 13, "1:14: parse error: expected type string in aggregation parameter, got scalar")]
    [InlineData("sum()", 0, "1:1: parse error: no arguments for aggregate expression provided")]
    [InlineData("sum", 3, "1:4: parse error: unexpected end of input in aggregation, expected \"(\"")]
    [InlineData("sum by job (x)", 7, "1:8: parse error: unexpected identifier \"job\" in grouping opts, expected \"(\"")]
    [InlineData("sum by (a:b) (x)", 8, "1:9: parse error: unexpected metric identifier \"a:b\" in grouping opts, expected label")]
    [InlineData("sum by (a) (x) by (b)", 15, "1:16: parse error: unexpected <by>")]
    [InlineData("1 == 1", 0, "1:1: parse error: comparisons between scalars must use BOOL modifier")]
    [InlineData("a + bool b", 2, "1:3: parse error: bool modifier can only be used on comparison operators")]
    [InlineData("1 and 2", 2, "1:3: parse error: set operator \"and\" not allowed in binary scalar expression")]
    [InlineData("a or 1", 2, "1:3: parse error: set operator \"or\" not allowed in binary scalar expression")]
    [InlineData("a and on(x) group_left b", 2, "1:3: parse error: no grouping allowed for \"and\" operation")]
    [InlineData("1 + on(x) a", 2, "1:3: parse error: vector matching only allowed between instant vectors")]
    [InlineData("a + on(x) group_left(x) b", 2, "1:3: parse error: label \"x\" must not occur in ON and GROUP clause at once")]
    [InlineData("a + group_left b", 4, "1:5: parse error: unexpected <group_left>")]
    [InlineData("\"a\" + 1", 0, "1:1: parse error: binary expression must contain only scalar and instant vector types")]
    [InlineData("x[5m] * 2", 0, "1:1: parse error: binary expression must contain only scalar and instant vector types")]
    [InlineData("-x[5m]", 0, "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\"")]
    [InlineData("sum(x) offset 5m", 7, "1:8: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery")]
    [InlineData("x offset 5m offset 1m", 12, "1:13: parse error: offset may not be set multiple times")]
    [InlineData("x offset 5m[5m]", 11, "1:12: parse error: no offset modifiers allowed before range")]
    [InlineData("x @ 1 [5m]", 6, "1:7: parse error: no @ modifiers allowed before range")]
    [InlineData("x offset 5", 9, "1:10: parse error: unexpected number \"5\" in offset, expected duration")]
    [InlineData("x @ 1 @ 2", 6, "1:7: parse error: @ modifier may not be set multiple times")]
    [InlineData("x @ start", 9, "1:10: parse error: unexpected end of input in @, expected \"(\"")]
    [InlineData("x @ foo", 4, "1:5: parse error: unexpected identifier \"foo\" in @, expected timestamp")]
    [InlineData("x @ Inf", 2, "1:3: parse error: timestamp out of bounds for @ modifier: Inf")]
    [InlineData("(x) @ 1", 4, "1:5: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery")]
    [InlineData("rate(x[5m])[5m]", 11, "1:12: parse error: ranges only allowed for vector selectors")]
    [InlineData("x[5m][1h:1m]", 5, "1:6: parse error: subquery is only allowed on instant vector, got range vector")]
    [InlineData("x $ y", 2, "1:3: parse error: unexpected character '$'")]
    [InlineData("by", 0, "1:1: parse error: unexpected <by>")]
    [InlineData("a + and", 4, "1:5: parse error: unexpected <op:and>")]
    [InlineData("{a=~\"(\"}", 4, "1:5: parse error: invalid regular expression for label a")]
    [InlineData("sum(\n  rate(x)\n)", 12, "2:8: parse error: expected type range vector in call to function \"rate\", got instant vector")]
    [InlineData("up\n  and\n  ", 11, "3:3: parse error: unexpected end of input")]
    public void Invalid_queries_are_refused_with_the_position_and_what_was_expected(string query, int position, string message)
    {
        var error = Assert.Throws<PromQLSyntaxException>(() => PromQLParser.ParseExpr(query));

        Assert.Equal(position, error.Position);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exception_separates_line_column_and_reason()
    {
        var error = Assert.Throws<PromQLSyntaxException>(() => PromQLParser.ParseExpr("up\n  + foo{"));

        Assert.Equal((2, 9), (error.Line, error.Column));
        Assert.Equal("unexpected end of input inside braces", error.Reason);
    }

    [Theory]
    [InlineData("(", "1")]
    [InlineData("-", "1")]
    [InlineData("sum(", "x")]
    [InlineData("abs(", "x")]
    [InlineData("1 ^ ", "1")]
    [InlineData("1 + ", "1")]
    [InlineData("x or ", "x")]
    public void A_query_nested_ten_thousand_deep_is_a_syntax_error_not_a_stack_overflow(string prefix, string operand)
    {
        var query = string.Concat(Enumerable.Repeat(prefix, 10_000)) + operand
            + (prefix.EndsWith('(') ? new string(')', 10_000) : string.Empty);

        var error = Assert.Throws<PromQLSyntaxException>(() => PromQLParser.ParseExpr(query));

        Assert.Contains("nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_chain_of_subqueries_is_refused_by_type_before_depth()
    {
        var query = "x" + string.Concat(Enumerable.Repeat("[1m:]", 10_000));

        var error = Assert.Throws<PromQLSyntaxException>(() => PromQLParser.ParseExpr(query));

        Assert.Contains("subquery is only allowed on instant vector", error.Message, StringComparison.Ordinal);
    }
}
