using System.IO.Hashing;
using System.Text.Json;
using Dashboard.Core.Storage.Blocks;
using Dashboard.Tests;
using static Dashboard.Core.Tests.Storage.Blocks.BlockFixtures;

namespace Dashboard.Core.Tests.Storage.Blocks;

public sealed class BlockCorruptionTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _directory;

    public BlockCorruptionTests()
    {
        var series = Enumerable.Range(0, 50).Select(i => new BlockSeries(Labels("m", ("i", $"{i}")), FakeChunks(i, 0, 3)));
        var meta = BlockWriter.Write(_folder.Path, 0, 1000, series, 1, []);
        _directory = Path.Combine(_folder.Path, meta.Id);
    }

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> DataFiles => new() { "series.arrow", "chunks.arrow", "index.arrow" };

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void A_truncated_file_is_a_size_mismatch(string file)
    {
        var path = Path.Combine(_directory, file);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^7]);

        AssertCorrupt(file, "size mismatch");
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void A_flipped_byte_is_a_checksum_mismatch(string file)
    {
        var path = Path.Combine(_directory, file);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        AssertCorrupt(file, "checksum mismatch");
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    [InlineData("meta.json")]
    public void A_missing_file_is_named(string file)
    {
        File.Delete(Path.Combine(_directory, file));

        AssertCorrupt(file, "missing file");
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"version\": 1}")]
    [InlineData("[1, 2, 3]")]
    public void A_garbage_meta_json_is_bad_meta(string content)
    {
        File.WriteAllText(Path.Combine(_directory, "meta.json"), content);

        AssertCorrupt("meta.json", "bad meta");
    }

    [Fact]
    public void A_meta_json_of_another_format_version_is_bad_meta()
    {
        RewriteMeta(meta => meta with { Version = 99 });

        AssertCorrupt("meta.json", "format version 99");
    }

    [Fact]
    public void A_meta_json_of_another_block_is_bad_meta()
    {
        RewriteMeta(meta => meta with { Id = "0000000000000000-0000000000000000" });

        AssertCorrupt("meta.json", "is not the directory name");
    }

    [Fact]
    public void A_meta_json_missing_a_file_entry_is_bad_meta()
    {
        RewriteMeta(meta => meta with { Files = [.. meta.Files.Where(f => f.Name != "index.arrow")] });

        AssertCorrupt("meta.json", "index.arrow");
    }

    [Fact]
    public void A_meta_json_whose_counts_disagree_with_the_files_is_caught()
    {
        RewriteMeta(meta => meta with { Stats = meta.Stats with { NumSeries = 49 } });

        Assert.Throws<BlockCorruptException>(() => Block.Open(_directory));
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Intact_bytes_that_are_not_our_Arrow_file_are_unreadable_Arrow(string file)
    {
        // Garbage with a matching size and checksum in meta.json: only parsing can tell.
        var garbage = new byte[300];
        new Random(5).NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(_directory, file), garbage);
        RewriteMeta(meta => meta with
        {
            Files = [.. meta.Files.Select(f => f.Name == file ? new BlockFile(file, garbage.Length, Convert.ToHexStringLower(XxHash64.Hash(garbage))) : f)],
        });

        AssertCorrupt(file, "unreadable Arrow");
    }

    [Fact]
    public void An_Arrow_file_of_another_layout_is_unreadable_Arrow()
    {
        // A valid Arrow file, but it is index.arrow standing in for series.arrow.
        File.Copy(Path.Combine(_directory, "index.arrow"), Path.Combine(_directory, "series.arrow"), overwrite: true);
        var bytes = File.ReadAllBytes(Path.Combine(_directory, "series.arrow"));
        RewriteMeta(meta => meta with
        {
            Files = [.. meta.Files.Select(f => f.Name == "series.arrow" ? new BlockFile(f.Name, bytes.Length, Convert.ToHexStringLower(XxHash64.Hash(bytes))) : f)],
        });

        AssertCorrupt("series.arrow", "unreadable Arrow");
    }

    [Fact]
    public void An_intact_block_opens()
    {
        using var block = Block.Open(_directory);

        Assert.Equal(50, block.SeriesCount);
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_not_a_corrupt_block()
    {
        Assert.Throws<DirectoryNotFoundException>(() => Block.Open(Path.Combine(_folder.Path, "nothing-here")));
    }

    private void AssertCorrupt(string file, string cause)
    {
        var error = Assert.Throws<BlockCorruptException>(() => Block.Open(_directory));

        Assert.Equal(file, error.FileName);
        Assert.Equal(_directory, error.BlockDirectory);
        Assert.Contains(Path.GetFileName(_directory), error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(cause, error.Message, StringComparison.Ordinal);
    }

    private void RewriteMeta(Func<BlockMeta, BlockMeta> change)
    {
        var path = Path.Combine(_directory, "meta.json");
        var meta = JsonSerializer.Deserialize(File.ReadAllBytes(path), BlockMetaJsonContext.Default.BlockMeta)!;
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(change(meta), BlockMetaJsonContext.Default.BlockMeta));
    }
}
