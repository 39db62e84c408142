using Dashboard.Core.Query.Parsing;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Query.Parsing;

public sealed class PromQLParserTests
{
    public static TheoryData<string, string> Valid()
    {
        var data = new TheoryData<string, string>();
        foreach (var (query, canonical) in ValidQueries.All)
        {
            data.Add(query, canonical);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_queries_print_back_in_canonical_form(string query, string canonical)
    {
        var expr = PromQLParser.ParseExpr(query);

        Assert.Equal(canonical, expr.ToString());
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void The_canonical_form_parses_to_the_same_tree(string query, string canonical)
    {
        var first = PromQLParser.ParseExpr(query);

        var second = PromQLParser.ParseExpr(first.ToString());

        Assert.Equal(canonical, second.ToString());
        Assert.Equal(Shape(first), Shape(second));
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition_and_comparison()
    {
        var expr = Assert.IsType<BinaryExpr>(PromQLParser.ParseExpr("a + b * c > d"));

        Assert.Equal(BinaryOperator.Greater, expr.Operator);
        var sum = Assert.IsType<BinaryExpr>(expr.Left);
        Assert.Equal(BinaryOperator.Add, sum.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpr>(sum.Right).Operator);
    }

    [Fact]
    public void Power_is_right_associative_and_subtraction_left_associative()
    {
        var power = Assert.IsType<BinaryExpr>(PromQLParser.ParseExpr("2 ^ 3 ^ 2"));
        var minus = Assert.IsType<BinaryExpr>(PromQLParser.ParseExpr("5 - 2 - 1"));

        Assert.IsType<NumberLiteral>(power.Left);
        Assert.Equal(BinaryOperator.Power, Assert.IsType<BinaryExpr>(power.Right).Operator);
        Assert.Equal(BinaryOperator.Subtract, Assert.IsType<BinaryExpr>(minus.Left).Operator);
        Assert.IsType<NumberLiteral>(minus.Right);
    }

    [Fact]
    public void Unary_minus_binds_looser_than_power_and_is_folded_into_numbers()
    {
        var unary = Assert.IsType<UnaryExpr>(PromQLParser.ParseExpr("-2 ^ 2"));
        var number = Assert.IsType<NumberLiteral>(PromQLParser.ParseExpr("-2"));

        Assert.Equal(BinaryOperator.Power, Assert.IsType<BinaryExpr>(unary.Operand).Operator);
        Assert.Equal(-2, number.Value);
    }

    [Fact]
    public void Set_operators_bind_looser_than_comparisons_and_or_loosest()
    {
        var expr = Assert.IsType<BinaryExpr>(PromQLParser.ParseExpr("a > 1 or b and c"));

        Assert.Equal(BinaryOperator.Or, expr.Operator);
        Assert.Equal(BinaryOperator.Greater, Assert.IsType<BinaryExpr>(expr.Left).Operator);
        var and = Assert.IsType<BinaryExpr>(expr.Right);
        Assert.Equal(BinaryOperator.And, and.Operator);
        Assert.Equal(VectorMatchCardinality.ManyToMany, and.Matching!.Cardinality);
    }

    [Fact]
    public void A_selector_carries_its_name_matcher_and_modifiers()
    {
        var matrix = Assert.IsType<MatrixSelector>(PromQLParser.ParseExpr("http_requests_total{code=~\"5..\"}[5m] @ 1700000000.123 offset -1m"));

        Assert.Equal(TimeSpan.FromMinutes(5), matrix.Range);
        Assert.Equal(TimeSpan.FromMinutes(-1), matrix.Selector.Offset);
        Assert.Equal(new AtModifier(AtKind.Timestamp, 1_700_000_000_123), matrix.Selector.At);
        Assert.Equal("http_requests_total", matrix.Selector.MetricName);
        Assert.Equal(["__name__=\"http_requests_total\"", "code=~\"5..\""], matrix.Selector.Matchers.Select(m => m.ToString()));
        Assert.Equal(LabelMatchType.Regex, matrix.Selector.Matchers[1].Type);
    }

    [Fact]
    public void Vector_matching_keeps_on_and_group_labels()
    {
        var expr = Assert.IsType<BinaryExpr>(PromQLParser.ParseExpr("a * on(job, instance) group_left(team) b"));

        Assert.Equal(new[] { "job", "instance" }, expr.Matching!.MatchingLabels);
        Assert.True(expr.Matching.On);
        Assert.Equal(VectorMatchCardinality.ManyToOne, expr.Matching.Cardinality);
        Assert.Equal(new[] { "team" }, expr.Matching.Include);
    }

    [Fact]
    public void Scalar_operands_carry_no_vector_matching()
    {
        var expr = Assert.IsType<BinaryExpr>(PromQLParser.ParseExpr("a * 2"));

        Assert.Null(expr.Matching);
        Assert.Equal(PromQLType.InstantVector, expr.Type);
        Assert.Equal(PromQLType.Scalar, PromQLParser.ParseExpr("1 + time()").Type);
    }

    [Fact]
    public void Aggregation_parameters_and_grouping_are_kept()
    {
        var expr = Assert.IsType<AggregateExpr>(PromQLParser.ParseExpr("topk without (cpu) (3, x)"));

        Assert.Equal(AggregationOperator.Topk, expr.Operator);
        Assert.Equal(3, Assert.IsType<NumberLiteral>(expr.Parameter).Value);
        Assert.True(expr.Without);
        Assert.Equal(new[] { "cpu" }, expr.Grouping);
    }

    [Fact]
    public void The_function_table_marks_what_the_evaluator_supports()
    {
        string[] issueList =
        [
            "rate", "irate", "increase", "delta", "deriv", "resets", "changes", "avg_over_time", "min_over_time", "max_over_time",
            "sum_over_time", "count_over_time", "last_over_time", "quantile_over_time", "stddev_over_time", "histogram_quantile",
            "abs", "ceil", "floor", "round", "clamp", "clamp_min", "clamp_max", "label_replace", "label_join", "time", "vector",
            "scalar", "absent",
        ];
        string[] beyond =
        [
            "exp", "sqrt", "ln", "log2", "log10", "sgn", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin",
            "sinh", "tan", "tanh", "deg", "rad", "sort", "sort_desc", "stdvar_over_time", "present_over_time",
            "absent_over_time", "idelta", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
            "month", "year", "pi", "predict_linear",
        ];

        Assert.Equal(issueList.Concat(beyond).Order(), PromQLFunctions.All.Values.Where(f => f.Evaluated).Select(f => f.Name).Order());
        Assert.False(PromQLFunctions.All["holt_winters"].Evaluated);
    }

    [Fact]
    public void Expressions_nested_up_to_the_limit_parse_and_print()
    {
        var depth = (PromQLParser.MaxDepth / 2) - 1;
        var query = new string('(', depth) + "x" + new string(')', depth);

        Assert.Equal(query, PromQLParser.ParseExpr(query).ToString());
    }

    // The tree's structure with types, independent of the text: equal shapes mean equal trees.
    private static string Shape(Expr expr) => expr switch
    {
        BinaryExpr b => $"B({b.Operator},{b.ReturnBool},{b.Matching},{Shape(b.Left)},{Shape(b.Right)})",
        UnaryExpr u => $"U({u.Operator},{Shape(u.Operand)})",
        ParenExpr p => $"P({Shape(p.Inner)})",
        FunctionCall f => $"F({f.Function.Name},{string.Join(",", f.Args.Select(Shape))})",
        AggregateExpr a => $"A({a.Operator},{a.Without},{string.Join(",", a.Grouping)},{(a.Parameter is null ? "" : Shape(a.Parameter))},{Shape(a.Expr)})",
        SubqueryExpr s => $"S({Shape(s.Expr)},{s.Range},{s.Step},{s.Offset},{s.At})",
        MatrixSelector m => $"M({Shape(m.Selector)},{m.Range})",
        VectorSelector v => $"V({v.MetricName},{string.Join(",", v.Matchers)},{v.Offset},{v.At})",
        NumberLiteral n => $"N({NumberLiteral.Format(n.Value)})",
        StringLiteral s => $"S({s.Value})",
        _ => throw new ArgumentException(expr.GetType().Name),
    } + ":" + expr.Type;
}
