namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// Reads the golden query corpus: every <c>*.promql</c> file of <c>QueryCorpus/</c> (copied beside the test assembly),
/// one query per line, <c>#</c> lines are comments, and a query may end with an annotation after <c>#!</c>:
/// <c>empty</c>, <c>error</c>, <c>refused</c> (or <c>refused: construct</c>) or <c>skip: reason</c>
/// (see <see cref="QueryExpectation"/>).
/// </summary>
internal static class QueryCorpus
{
    private static readonly Lazy<IReadOnlyList<CorpusQuery>> Queries = new(Load);

    /// <summary>Every query of the corpus, skipped ones included, in file and line order.</summary>
    public static IReadOnlyList<CorpusQuery> All => Queries.Value;

    /// <summary>The folder the corpus is read from.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "PrometheusApi", "QueryCorpus");

    private static List<CorpusQuery> Load()
    {
        var queries = new List<CorpusQuery>();
        foreach (var path in Directory.GetFiles(Folder, "*.promql").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var mark = line.IndexOf("#!", StringComparison.Ordinal);
                var text = (mark < 0 ? line : line[..mark]).TrimEnd();
                var annotation = mark < 0 ? "" : line[(mark + 2)..].Trim();
                var (expectation, reason) = annotation switch
                {
                    "" => (QueryExpectation.Data, null),
                    "empty" => (QueryExpectation.Empty, null),
                    "error" => (QueryExpectation.Error, null),
                    "refused" => (QueryExpectation.Refused, null),
                    _ when annotation.StartsWith("refused:", StringComparison.Ordinal) && annotation[8..].Trim().Length > 0 =>
                        (QueryExpectation.Refused, annotation[8..].Trim()),
                    _ when annotation.StartsWith("skip:", StringComparison.Ordinal) && annotation[5..].Trim().Length > 0 =>
                        (QueryExpectation.Skip, annotation[5..].Trim()),
                    _ => throw new InvalidDataException($"{file}:{i + 1}: unknown annotation \"#! {annotation}\" (empty, error, refused, refused: construct or skip: reason)"),
                };
                queries.Add(new CorpusQuery(file, i + 1, text, expectation, reason));
            }
        }

        var duplicates = queries.GroupBy(q => q.Text, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.First().Id).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidDataException("the corpus holds a query twice: " + string.Join("; ", duplicates));
        }

        return queries;
    }
}
