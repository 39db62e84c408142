using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>One series handed to <see cref="BlockWriter"/>: its label set and its chunks.</summary>
/// <param name="Labels">The labels, sorted by name, including <c>__name__</c>.</param>
/// <param name="Chunks">The chunks, each inside the block's time range.</param>
public sealed record BlockSeries(Label[] Labels, IReadOnlyList<StoredChunk> Chunks);
