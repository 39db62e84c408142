namespace Dashboard.Core.Storage.Head;

/// <summary>Where a sealed head chunk's bytes are in the head chunk files.</summary>
/// <param name="File">The file's number.</param>
/// <param name="Offset">The first byte.</param>
/// <param name="Length">How many bytes.</param>
internal readonly record struct HeadChunkLocation(int File, long Offset, int Length);
