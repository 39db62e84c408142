using Dashboard.Core.Hosting;
using Dashboard.Tests;
using Dashboard.UI.Components.Dashboards;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.UI.Tests.Dashboards;

public sealed class BoardStoreTests : IDisposable
{
    private readonly TempFolder _data = new();
    private readonly BoardStore _store;

    public BoardStoreTests() =>
        _store = new BoardStore(Options.Create(new DashboardOptions { DataPath = _data.Path }), NullLogger<BoardStore>.Instance);

    public void Dispose() => _data.Dispose();

    [Fact]
    public void The_built_in_boards_are_embedded_valid_and_listed_first()
    {
        Assert.Equal(["system", "dotnet-runtime", "host"], _store.BuiltIn.Select(b => b.Id));
        Assert.All(_store.BuiltIn, b => Assert.NotEmpty(b.Panels));
        Assert.Equal(["system", "dotnet-runtime", "host"], _store.List().Select(l => l.Id));
        Assert.All(_store.List(), l => Assert.True(l.BuiltIn));
    }

    [Fact]
    public async Task A_saved_board_is_listed_and_found_and_a_broken_file_beside_it_is_listed_with_its_error()
    {
        var board = new Board("ops", "Ops", null, "1h", [new BoardPanel("Up", ["up"], 12)]);
        await _store.SaveAsync(board, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_store.Folder, "broken.json"), "{ \"id\": \"broken\"");
        await File.WriteAllTextAsync(Path.Combine(_store.Folder, "renamed.json"), BoardJson.Write(board));
        await File.WriteAllTextAsync(Path.Combine(_store.Folder, "Bad Name.json"), BoardJson.Write(board));

        var listed = _store.List().Where(l => !l.BuiltIn).ToDictionary(l => l.Id);

        Assert.Equal(BoardJson.Write(board), BoardJson.Write(listed["ops"].Board!));
        Assert.StartsWith("not JSON: ", listed["broken"].Error, StringComparison.Ordinal);
        Assert.Equal("$.id: \"ops\" differs from the file name \"renamed.json\"", listed["renamed"].Error);
        Assert.StartsWith("\"Bad Name.json\" is not named after a board id", listed["Bad Name"].Error, StringComparison.Ordinal);
        Assert.Equal("Ops", _store.Find("ops")!.Title);
        Assert.Null(_store.Find("missing"));
        Assert.Null(_store.Find("../ops"));
        Assert.Empty(Directory.GetFiles(_store.Folder, "*.tmp"));
    }

    [Fact]
    public async Task A_built_in_id_is_refused_for_import_and_save_and_new_ids_avoid_taken_ones()
    {
        var json = BoardJson.Write(_store.BuiltIn[0]);

        Assert.Null(_store.ReadImport(json, out var errors));
        Assert.Equal(["$.id: \"system\" is a built-in board's id; choose another"], errors);
        await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveAsync(_store.BuiltIn[0], CancellationToken.None));
        Assert.Equal("system-2", _store.NewId("System"));
        Assert.Equal("my-cpu-board", _store.NewId("  My CPU board! "));
        await _store.SaveAsync(_store.BuiltIn[0] with { Id = "my-cpu-board" }, CancellationToken.None);
        Assert.Equal("my-cpu-board-2", _store.NewId("My CPU board"));
        Assert.Equal("board", _store.NewId("☃"));
    }

    [Fact]
    public void An_import_larger_than_the_limit_is_refused_before_it_is_parsed()
    {
        Assert.Null(_store.ReadImport(new string(' ', BoardStore.MaxBytes + 1), out var errors));

        Assert.Equal(["the file is larger than 1024 KiB"], errors);
    }
}
