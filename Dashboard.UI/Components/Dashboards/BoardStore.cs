using System.Text;
using Dashboard.Core.FileSystem;
using Dashboard.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.UI.Components.Dashboards;

/// <summary>
/// The boards: built-in ones embedded in this assembly (<c>Boards/*.json</c>, read-only), and users' own under
/// <c>&lt;DataPath&gt;/dashboards/&lt;id&gt;.json</c>, written atomically. A user file that is not a valid board is
/// listed with its error and never breaks the list.
/// </summary>
public sealed partial class BoardStore
{
    /// <summary>The largest board file read or imported.</summary>
    public const int MaxBytes = 1024 * 1024;

    private const string ResourcePrefix = "Dashboard.UI.Boards.";
    private readonly Lazy<IReadOnlyList<Board>> _builtIn = new(() => ReadBuiltIn());
    private readonly ILogger<BoardStore> _logger;

    /// <summary>Creates the store over <c>&lt;DataPath&gt;/dashboards</c>.</summary>
    public BoardStore(IOptions<DashboardOptions> options, ILogger<BoardStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Folder = Path.Combine(options.Value.DataPath, "dashboards");
        _logger = logger;
    }

    /// <summary>Where users' boards are saved.</summary>
    public string Folder { get; }

    /// <summary>The built-in boards, in their shipped order.</summary>
    public IReadOnlyList<Board> BuiltIn => _builtIn.Value;

    /// <summary>Every board: the built-in ones, then the users' by id, a broken file with its error.</summary>
    public IReadOnlyList<BoardListing> List()
    {
        var listings = BuiltIn.Select(b => new BoardListing(b.Id, BuiltIn: true, b, null)).ToList();
        if (Directory.Exists(Folder))
        {
            listings.AddRange(Directory.EnumerateFiles(Folder, "*.json")
                .Select(Path.GetFileNameWithoutExtension)
                .Order(StringComparer.Ordinal)
                .Select(id => Read(id!)));
        }

        return listings;
    }

    /// <summary>The board named <paramref name="id"/>, or null when there is none.</summary>
    public BoardListing? Find(string id)
    {
        if (BuiltIn.FirstOrDefault(b => b.Id == id) is { } builtIn)
        {
            return new BoardListing(id, BuiltIn: true, builtIn, null);
        }

        return BoardJson.IsValidId(id) && File.Exists(PathOf(id)) ? Read(id) : null;
    }

    /// <summary>Whether <paramref name="id"/> is a built-in board's, which no user board may take.</summary>
    public bool IsBuiltIn(string id) => BuiltIn.Any(b => b.Id == id);

    /// <summary>
    /// Reads an uploaded board for import: the board, or null with every problem (not JSON, not a board, too big, a
    /// built-in board's id).
    /// </summary>
    public Board? ReadImport(string json, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            errors = [$"the file is larger than {MaxBytes / 1024} KiB"];
            return null;
        }

        var board = BoardJson.Parse(json, out errors);
        if (board is not null && IsBuiltIn(board.Id))
        {
            errors = [$"$.id: \"{board.Id}\" is a built-in board's id; choose another"];
            return null;
        }

        return board;
    }

    /// <summary>Saves (creates or replaces) a user's board, atomically.</summary>
    /// <exception cref="ArgumentException">The board has a built-in board's id, or an invalid one.</exception>
    public async Task SaveAsync(Board board, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        if (!BoardJson.IsValidId(board.Id) || IsBuiltIn(board.Id))
        {
            throw new ArgumentException($"\"{board.Id}\" cannot name a user's board: it is invalid or a built-in board's id", nameof(board));
        }

        Directory.CreateDirectory(Folder);
        await AtomicFile.WriteAsync(PathOf(board.Id), BoardJson.Write(board), cancellationToken);
        LogSaved(board.Id);
    }

    /// <summary>An id for a new board titled <paramref name="title"/>: its words in lower case, unique among the boards.</summary>
    public string NewId(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var stem = slug.ToString().Trim('-') is { Length: > 0 } s ? s[..Math.Min(s.Length, 56)] : "board";
        var id = stem;
        for (var n = 2; IsBuiltIn(id) || File.Exists(PathOf(id)); n++)
        {
            id = $"{stem}-{n}";
        }

        return id;
    }

    private string PathOf(string id) => Path.Combine(Folder, id + ".json");

    private BoardListing Read(string id)
    {
        if (!BoardJson.IsValidId(id))
        {
            return new BoardListing(id, BuiltIn: false, null, $"\"{id}.json\" is not named after a board id (lower-case letters, digits, - and _)");
        }

        try
        {
            var file = new FileInfo(PathOf(id));
            if (file.Length > MaxBytes)
            {
                return new BoardListing(id, BuiltIn: false, null, $"the file is larger than {MaxBytes / 1024} KiB");
            }

            var board = BoardJson.Parse(File.ReadAllText(file.FullName), out var errors);
            if (board is not null && board.Id != id)
            {
                return new BoardListing(id, BuiltIn: false, null, $"$.id: \"{board.Id}\" differs from the file name \"{id}.json\"");
            }

            return new BoardListing(id, BuiltIn: false, board, board is null ? string.Join("; ", errors) : null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new BoardListing(id, BuiltIn: false, null, $"cannot read the file: {ex.Message}");
        }
    }

    private static List<Board> ReadBuiltIn()
    {
        var assembly = typeof(BoardStore).Assembly;
        var boards = new List<Board>();
        // The order the list shows: the machine, the runtime, then the host itself.
        foreach (var name in new[] { "system", "dotnet-runtime", "host" })
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")
                ?? throw new InvalidOperationException($"the built-in board {name}.json is not embedded in {assembly.GetName().Name}");
            using var reader = new StreamReader(stream);
            boards.Add(BoardJson.Parse(reader.ReadToEnd(), out var errors)
                ?? throw new InvalidOperationException($"the built-in board {name}.json is invalid: {string.Join("; ", errors)}"));
        }

        return boards;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved board {BoardId}")]
    private partial void LogSaved(string boardId);
}
