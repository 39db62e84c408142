using System.Security.Cryptography;

namespace Dashboard.Host.Security;

/// <summary>
/// The admin key made at first start when none is configured: printed once on the console (not through logging, so it
/// reaches no log sink), kept only as its SHA-256 in <c>&lt;DataPath&gt;/auth/admin-key.sha256</c>.
/// </summary>
internal static class GeneratedAdminKey
{
    /// <summary>The stored hash, creating (and printing) a key when there is none yet.</summary>
    public static string LoadOrCreate(string dataPath, TextWriter console)
    {
        var path = Path.Combine(dataPath, "auth", "admin-key.sha256");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var hash = ApiKeyRing.Hash(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(hash);
        }

        console.WriteLine($"""

            Dashboard: no admin API key was configured, so one was generated. It is shown this once and kept only as a hash
            in {path}. Send it as 'Authorization: Bearer <key>'; delete that file and restart to make a new one.

                {key}

            """);
        return hash;
    }
}
