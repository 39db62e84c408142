namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>The golden comparison itself: it must pass equal answers written differently and catch every kind of difference.</summary>
public sealed class QueryAnswerDiffTests
{
    private const string Vector = """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"job":"api","instance":"a"},"value":[1700000000.5,"1.5"]},
          {"metric":{"job":"node","instance":"b"},"value":[1700000000.5,"NaN"]}]}}
        """;

    [Fact]
    public void Equal_answers_in_another_order_and_notation_agree()
    {
        const string reordered = """
            {"data":{"result":[
              {"value":[1700000000.500,"NaN"],"metric":{"instance":"b","job":"node"}},
              {"value":[1700000000.5,"1.5000000000001"],"metric":{"instance":"a","job":"api"}}],"resultType":"vector"},"status":"success"}
            """;

        var differences = QueryAnswerDiff.Compare(Answer(Vector), Answer(reordered));

        Assert.Empty(differences);
    }

    [Theory]
    [InlineData("1.5000001", "\"NaN\"", "ours \"1.5000001\"")]
    [InlineData("1.5", "\"+Inf\"", "ours \"+Inf\"")]
    [InlineData("1.5", "\"0\"", "ours \"0\"")]
    public void A_value_that_differs_is_reported_with_its_series_and_time(string first, string second, string expected)
    {
        var ours = Vector.Replace("\"1.5\"", $"\"{first}\"", StringComparison.Ordinal).Replace("\"NaN\"", second, StringComparison.Ordinal);

        var differences = QueryAnswerDiff.Compare(Answer(Vector), Answer(ours));

        Assert.Contains(differences, d => d.Contains(expected, StringComparison.Ordinal) && d.Contains("at 1700000000.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Infinities_of_opposite_signs_differ()
    {
        Assert.True(QueryPoint.SameValue("+Inf", "+Inf"));
        Assert.False(QueryPoint.SameValue("+Inf", "-Inf"));
        Assert.False(QueryPoint.SameValue("NaN", "0"));
        Assert.False(QueryPoint.SameValue("0", "1e-300"));
    }

    [Fact]
    public void Series_only_one_side_has_are_named()
    {
        var ours = Vector.Replace("\"instance\":\"b\"", "\"instance\":\"c\"", StringComparison.Ordinal);

        var differences = QueryAnswerDiff.Compare(Answer(Vector), Answer(ours));

        Assert.Contains("only in Prometheus: {instance=\"b\",job=\"node\"}", differences[0], StringComparison.Ordinal);
        Assert.Contains("only in ours: {instance=\"c\",job=\"node\"}", differences[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_at_another_time_is_reported()
    {
        const string expected = """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[10,"1"],[20,"2"]]}]}}""";
        const string actual = """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[10,"1"],[21,"2"]]}]}}""";

        var differences = QueryAnswerDiff.Compare(Answer(expected), Answer(actual));

        var line = Assert.Single(differences);
        Assert.Contains("at 20 Prometheus has \"2\", ours no point", line, StringComparison.Ordinal);
        Assert.Contains("at 21 ours has \"2\", Prometheus no point", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_agree_only_with_the_same_type_and_status()
    {
        var execution = Answer("""{"status":"error","errorType":"execution","error":"many-to-many matching not allowed"}""", 422);
        var otherText = Answer("""{"status":"error","errorType":"execution","error":"found duplicate series"}""", 422);
        var badData = Answer("""{"status":"error","errorType":"bad_data","error":"many-to-many matching not allowed"}""", 400);

        Assert.Empty(QueryAnswerDiff.Compare(execution, otherText));
        Assert.NotEmpty(QueryAnswerDiff.Compare(execution, badData));
        Assert.NotEmpty(QueryAnswerDiff.Compare(execution, Answer(Vector)));
    }

    [Fact]
    public void Another_result_type_or_a_foreign_body_is_reported()
    {
        const string scalar = """{"status":"success","data":{"resultType":"scalar","result":[1700000000.5,"1.5"]}}""";

        Assert.Contains("resultType", Assert.Single(QueryAnswerDiff.Compare(Answer(Vector), Answer(scalar))), StringComparison.Ordinal);
        Assert.Contains("not Prometheus's JSON envelope", Assert.Single(QueryAnswerDiff.Compare(Answer(Vector), Answer("""{"title":"Not Found"}""", 404))), StringComparison.Ordinal);
    }

    private static QueryAnswer Answer(string body, int status = 200) => QueryAnswer.Parse(status, body);
}
