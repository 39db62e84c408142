using Dashboard.Core.Plugins.Packages;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Plugins.Packages;

public sealed class PluginPackageTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _destination;

    public PluginPackageTests() => _destination = _temp.Combine("unpacked");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_plugin_zip_with_its_files_at_the_root_unpacks_every_file()
    {
        var contents = await ExtractAsync(TestZips.OfPlugin("Counting"));

        var expected = Directory.GetFiles(TestPaths.TestPlugin("Counting")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Directory.GetFiles(_destination).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Null(contents.TopFolder);
        Assert.Equal(expected.Count(), contents.Files);
        Assert.Equal(new DirectoryInfo(TestPaths.TestPlugin("Counting")).GetFiles().Sum(f => f.Length), contents.Bytes);
        Assert.Equal(File.ReadAllBytes(Path.Combine(TestPaths.TestPlugin("Counting"), "Counting.dll")),
            File.ReadAllBytes(Path.Combine(_destination, "Counting.dll")));
    }

    [Fact]
    public async Task One_top_folder_holding_everything_is_the_plugin_folder_and_names_it()
    {
        var contents = await ExtractAsync(TestZips.OfPlugin("Counting", topFolder: "Counting"));

        Assert.Equal("Counting", contents.TopFolder);
        Assert.True(File.Exists(Path.Combine(_destination, "Counting.dll")));
        Assert.False(Directory.Exists(Path.Combine(_destination, "Counting")));
    }

    [Fact]
    public async Task Subfolders_of_the_plugin_are_kept()
    {
        var contents = await ExtractAsync(TestZips.Raw(TestZips.File("Plugin.dll"), TestZips.File("runtimes/linux-x64/native/lib.so", "so")));

        Assert.Null(contents.TopFolder);
        Assert.Equal("so", File.ReadAllText(Path.Combine(_destination, "runtimes", "linux-x64", "native", "lib.so")));
    }

    [Theory]
    [InlineData("../evil.dll", "'..' segment")]
    [InlineData("a/../../b.dll", "'..' segment")]
    [InlineData("/etc/x.dll", "absolute path")]
    [InlineData("C:\\x.dll", "backslash")]
    [InlineData("C:/x.dll", "drive letter")]
    [InlineData("..\\evil.dll", "backslash")]
    [InlineData("a//b.dll", "empty or '.' segment")]
    [InlineData("./a.dll", "empty or '.' segment")]
    public async Task An_entry_that_could_land_outside_the_folder_is_refused_before_anything_is_written(string name, string reason)
    {
        var zip = TestZips.Raw(TestZips.File("Plugin.dll"), TestZips.File(name));

        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync(zip));

        Assert.Equal(name, error.Entry);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_destination));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_symbolic_link_entry_is_refused()
    {
        var zip = TestZips.Raw(TestZips.File("Plugin.dll"), TestZips.Symlink("link.dll", "/etc/passwd"));

        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync(zip));

        Assert.Equal("link.dll", error.Entry);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_destination));
    }

    [Fact]
    public async Task A_device_or_pipe_entry_is_refused()
    {
        var zip = TestZips.Raw(TestZips.File("Plugin.dll"), TestZips.File("fifo", [], 0x11A4u << 16));

        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync(zip));

        Assert.Contains("special file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_entries_of_the_same_name_in_any_case_are_refused()
    {
        var zip = TestZips.Raw(TestZips.File("Plugin.dll", "one"), TestZips.File("plugin.DLL", "two"));

        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync(zip));

        Assert.Equal("plugin.DLL", error.Entry);
        Assert.Contains("same name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_another_entry_uses_as_a_folder_is_refused()
    {
        var zip = TestZips.Raw(TestZips.File("Plugin.dll"), TestZips.File("lib"), TestZips.File("lib/x.so"));

        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync(zip));

        Assert.Equal("lib", error.Entry);
    }

    [Fact]
    public async Task More_entries_than_allowed_are_refused_from_the_declared_count()
    {
        var zip = TestZips.Raw([.. Enumerable.Range(0, 11).Select(i => TestZips.File($"f{i}.dll"))]);

        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync(zip, new PluginUploadOptions { MaxEntries = 10 }));

        Assert.Contains("11 entries, more than the 10 allowed", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_destination));
    }

    [Fact]
    public async Task A_zip_bomb_is_cut_at_the_unpacked_cap_without_writing_more()
    {
        const long Cap = 4 << 20;
        var zip = TestZips.Raw(TestZips.Bomb("Bomb.dll", 1u << 30));

        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync(zip, new PluginUploadOptions { MaxUnpackedBytes = Cap }));

        Assert.Equal("Bomb.dll", error.Entry);
        Assert.Contains("more than 4194304 bytes", error.Message, StringComparison.Ordinal);
        var written = new DirectoryInfo(_destination).GetFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Assert.InRange(written, Cap - (128 << 10), Cap);
    }

    [Fact]
    public async Task The_cap_counts_bytes_across_entries()
    {
        var zip = TestZips.Raw(TestZips.File("a.dll", new byte[3000], 0x81A4u << 16), TestZips.File("b.dll", new byte[3000], 0x81A4u << 16));

        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync(zip, new PluginUploadOptions { MaxUnpackedBytes = 5000 }));

        Assert.Equal("b.dll", error.Entry);
        Assert.Equal(3000, new DirectoryInfo(_destination).GetFiles().Sum(f => f.Length));
    }

    [Fact]
    public async Task A_zip_bomb_that_understates_its_size_writes_no_more_than_it_declares()
    {
        var zip = TestZips.Raw(TestZips.Bomb("Bomb.dll", 100));

        // The runtime's reader stops at the declared size (or refuses the entry); either way the lie buys nothing.
        await Record.ExceptionAsync(() => ExtractAsync(zip));

        var written = Directory.Exists(_destination) ? new DirectoryInfo(_destination).GetFiles().Sum(f => f.Length) : 0;
        Assert.InRange(written, 0, 100);
    }

    [Fact]
    public async Task Text_that_is_not_a_zip_is_refused()
    {
        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync("this is not a zip archive at all"u8.ToArray()));

        Assert.Null(error.Entry);
        Assert.Contains("not a zip archive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_zip_is_refused()
    {
        var zip = TestZips.OfPlugin("Counting");

        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync(zip[..(zip.Length / 2)]));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_without_an_assembly_is_refused()
    {
        var error = await Assert.ThrowsAsync<PluginPackageException>(() => ExtractAsync(TestZips.Raw(TestZips.File("readme.txt"))));

        Assert.Contains("no .dll", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Counting", true)]
    [InlineData("My.Plugin-2_x", true)]
    [InlineData("..", false)]
    [InlineData(".hidden", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void Plugin_names_are_plain_folder_names(string name, bool valid) =>
        Assert.Equal(valid, PluginPackage.IsValidName(name));

    private async Task<PluginPackageContents> ExtractAsync(byte[] zip, PluginUploadOptions? limits = null)
    {
        using var stream = new MemoryStream(zip);
        return await PluginPackage.ExtractAsync(stream, _destination, limits ?? new PluginUploadOptions(), CancellationToken.None);
    }
}
