using Dashboard.UI.Components.Dashboards;

namespace Dashboard.UI.Tests.Dashboards;

public sealed class BoardJsonTests
{
    [Fact]
    public void A_board_reads_with_defaults_and_writes_back_to_the_same_board()
    {
        var board = BoardJson.Parse("""
            { "id": "mine", "title": "Mine", "range": "6h",
              // comments and trailing commas are forgiven: people write these by hand
              "panels": [ { "title": "Up", "queries": ["up", "sum(rate(x_total[5m]))"], }, { "title": "Wide", "queries": ["y"], "width": 12 } ] }
            """, out var errors);

        Assert.Empty(errors);
        Assert.Equal("mine", board!.Id);
        Assert.Null(board.Description);
        Assert.Equal(6, board.Panels[0].Width);
        Assert.Equal(["up", "sum(rate(x_total[5m]))"], board.Panels[0].Queries);
        var again = BoardJson.Parse(BoardJson.Write(board), out errors);
        Assert.Empty(errors);
        Assert.Equal(BoardJson.Write(board), BoardJson.Write(again!));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_json_path()
    {
        var board = BoardJson.Parse("""
            { "id": "Bad Id", "range": "2h", "colour": "red",
              "panels": [ { "title": "", "queries": [] }, { "title": "x", "querys": ["up"], "width": 13 }, { "title": "y", "queries": ["sum(", 3] } ] }
            """, out var errors);

        Assert.Null(board);
        Assert.Contains(errors, e => e.StartsWith("$.colour: unknown property", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.id: \"Bad Id\" is not a board id", StringComparison.Ordinal));
        Assert.Contains("$.title: required", errors);
        Assert.Contains(errors, e => e.StartsWith("$.range: unknown range \"2h\"", StringComparison.Ordinal));
        Assert.Contains("$.panels[0].title: a non-empty string, not \"\"", errors);
        Assert.Contains("$.panels[0].queries: a panel has 1 to 10 queries, not 0", errors);
        Assert.Contains(errors, e => e.StartsWith("$.panels[1].querys: unknown property", StringComparison.Ordinal));
        Assert.Contains("$.panels[1].queries: required, an array of PromQL strings", errors);
        Assert.Contains("$.panels[1].width: a whole number of twelfths from 1 to 12, not 13", errors);
        Assert.Contains(errors, e => e.StartsWith("$.panels[2].queries[0]: 1:", StringComparison.Ordinal) && e.Contains("parse error", StringComparison.Ordinal));
        Assert.Contains("$.panels[2].queries[1]: a PromQL string, not 3", errors);
    }

    [Theory]
    [InlineData("{ not json", "not JSON: ")]
    [InlineData("[1, 2]", "$: a board is a JSON object")]
    [InlineData("""{ "id": "a", "title": "A" }""", "$.panels: required, an array of panels")]
    public void What_is_not_a_board_says_why(string json, string expected)
    {
        Assert.Null(BoardJson.Parse(json, out var errors));

        Assert.StartsWith(expected, errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("system", true)]
    [InlineData("my_board-2", true)]
    [InlineData("-lead", false)]
    [InlineData("../etc", false)]
    [InlineData("Upper", false)]
    [InlineData("", false)]
    public void Only_safe_file_names_are_board_ids(string id, bool valid) => Assert.Equal(valid, BoardJson.IsValidId(id));
}
