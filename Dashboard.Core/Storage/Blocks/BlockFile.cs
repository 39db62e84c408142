namespace Dashboard.Core.Storage.Blocks;

/// <summary>One data file of a block as <c>meta.json</c> records it, so that opening the block can tell a damaged file.</summary>
/// <param name="Name">The file name inside the block directory.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="XxHash64">The XxHash64 (seed 0) of its bytes, as 16 lowercase hex digits.</param>
public sealed record BlockFile(string Name, long Size, string XxHash64);
