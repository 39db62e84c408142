using Dashboard.Core.Storage.Blocks;
using Dashboard.Tests;
using static Dashboard.Core.Tests.Storage.Blocks.BlockFixtures;

namespace Dashboard.Core.Tests.Storage.Blocks;

public sealed class BlockDirectoryTests
{
    [Fact]
    public void Only_complete_blocks_are_listed_and_leftovers_are_deleted()
    {
        using var folder = new TempFolder();
        var older = BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(Labels("m"), [Chunk(0, 9, 1)])], 1, []);
        var newer = BlockWriter.Write(folder.Path, 1000, 2000, [new BlockSeries(Labels("m"), [Chunk(1000, 1009, 2)])], 1, []);
        // What a crash leaves: a block half written, a block half deleted; and a folder that is none of ours.
        var halfWritten = folder.Combine("0000000000002000-00112233445566ff.tmp");
        Directory.CreateDirectory(halfWritten);
        File.WriteAllBytes(Path.Combine(halfWritten, "series.arrow"), [1, 2, 3]);
        var halfDeleted = folder.Combine("0000000000003000-00112233445566ff.deleting");
        Directory.CreateDirectory(halfDeleted);
        var unrelated = folder.Combine("wal");
        Directory.CreateDirectory(unrelated);

        Assert.Equal([folder.Combine(older.Id), folder.Combine(newer.Id)], Block.BlockDirectories(folder.Path));

        var removed = Block.DeleteLeftovers(folder.Path);

        Assert.Equal([halfWritten, halfDeleted], removed.Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(halfWritten));
        Assert.False(Directory.Exists(halfDeleted));
        Assert.True(Directory.Exists(unrelated));
        Assert.Equal([folder.Combine(older.Id), folder.Combine(newer.Id)], Block.BlockDirectories(folder.Path));
    }

    [Fact]
    public void A_missing_blocks_directory_has_no_blocks()
    {
        using var folder = new TempFolder();

        Assert.Empty(Block.BlockDirectories(folder.Combine("absent")));
        Assert.Empty(Block.DeleteLeftovers(folder.Combine("absent")));
    }

    [Fact]
    public void Sources_of_an_intact_merge_are_deleted_as_leftovers()
    {
        using var folder = new TempFolder();
        var a = BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(Labels("m"), [Chunk(0, 9, 1)])], 1, []);
        var b = BlockWriter.Write(folder.Path, 1000, 2000, [new BlockSeries(Labels("m"), [Chunk(1000, 1009, 2)])], 1, []);
        BlockMeta merged;
        using (var blockA = Block.Open(folder.Combine(a.Id)))
        using (var blockB = Block.Open(folder.Combine(b.Id)))
        {
            merged = BlockCompactor.Merge([blockA, blockB], folder.Path);
        }

        // The caller crashed before deleting the sources.
        var removed = Block.DeleteLeftovers(folder.Path);

        Assert.Equal([folder.Combine(a.Id), folder.Combine(b.Id)], removed.Order(StringComparer.Ordinal));
        Assert.Equal([folder.Combine(merged.Id)], Block.BlockDirectories(folder.Path));
    }

    [Fact]
    public void Sources_of_a_damaged_merge_are_kept()
    {
        using var folder = new TempFolder();
        var a = BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(Labels("m"), [Chunk(0, 9, 1)])], 1, []);
        BlockMeta merged;
        using (var blockA = Block.Open(folder.Combine(a.Id)))
        {
            merged = BlockCompactor.Merge([blockA], folder.Path);
        }

        var chunks = Path.Combine(folder.Combine(merged.Id), "chunks.arrow");
        var bytes = File.ReadAllBytes(chunks);
        bytes[^20] ^= 1;
        File.WriteAllBytes(chunks, bytes);

        Assert.Empty(Block.DeleteLeftovers(folder.Path));
        Assert.Equal(2, Block.BlockDirectories(folder.Path).Count);
    }

    [Fact]
    public void Delete_removes_a_block_without_leaving_a_block_shaped_directory()
    {
        using var folder = new TempFolder();
        var meta = BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(Labels("m"), [Chunk(0, 9, 1)])], 1, []);

        Block.Delete(folder.Combine(meta.Id));

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }
}
