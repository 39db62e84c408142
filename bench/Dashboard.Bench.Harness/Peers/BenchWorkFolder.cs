using System.Globalization;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// A fresh folder for one run's data, under <c>--work</c> (or its alias <c>--out</c>) or the temp path, deleted at the
/// end unless <c>--keep</c>:
/// peer data sets run to gigabytes and must not pile up.
/// </summary>
internal sealed class BenchWorkFolder : IDisposable
{

    public BenchWorkFolder(HarnessArguments args, string name)
    {
        var root = args.Text("work") ?? args.Text("out") ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dashboard-bench");
        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(root),
            string.Create(CultureInfo.InvariantCulture, $"{name}-{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}"));
        Directory.CreateDirectory(Path);
        Keep = args.Flag("keep");
    }

    public string Path { get; }

    /// <summary>Whether the data stays for inspection after the run.</summary>
    public bool Keep { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Keep)
        {
            ResultLine.Note($"kept {Path}");
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException ex)
        {
            ResultLine.Note($"could not delete {Path}: {ex.Message}");
        }
    }
}
