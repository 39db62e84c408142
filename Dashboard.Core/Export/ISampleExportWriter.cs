using Dashboard.Core.Storage;

namespace Dashboard.Core.Export;

/// <summary>
/// Writes selected series to a stream in one file format, in long form: one row per sample with the columns
/// <c>timestamp</c>, <c>value</c>, <c>series</c>, then one nullable text column per label name (see
/// <see cref="ExportColumns"/>). Rows go out in blocks of bounded size, each flushed to the stream before the next is
/// decoded, so memory stays bounded whatever the number of samples.
/// </summary>
public interface ISampleExportWriter
{
    /// <summary>The format written.</summary>
    ExportFormat Format { get; }

    /// <summary>The media type of the output.</summary>
    string ContentType { get; }

    /// <summary>The usual file extension of the output, without the dot.</summary>
    string FileExtension { get; }

    /// <summary>Writes the samples of <paramref name="series"/>, series by series and each in time order.</summary>
    /// <param name="destination">Where to write; need not be seekable nor accept synchronous writes. Left open.</param>
    /// <param name="series">The series, in the order their rows should appear.</param>
    /// <param name="cancellationToken">Stops the export between blocks of rows.</param>
    /// <returns>A task that completes once the whole file is written and flushed.</returns>
    Task WriteAsync(Stream destination, IReadOnlyList<SelectedSeries> series, CancellationToken cancellationToken);
}
