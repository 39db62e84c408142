using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage.Head;

/// <summary>
/// A sealed chunk of the head: in memory until maintenance moves it to the head chunk file, then only its place there.
/// </summary>
/// <param name="Chunk">The chunk; its data is empty once on disk.</param>
/// <param name="Location">Where its data is in the head chunk file, when it is there.</param>
internal readonly record struct HeadChunk(StoredChunk Chunk, HeadChunkLocation? Location)
{
    public bool OnDisk => Location is not null;
}
