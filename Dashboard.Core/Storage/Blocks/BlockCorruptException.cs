namespace Dashboard.Core.Storage.Blocks;

/// <summary>
/// A block on disk cannot be trusted: a file is missing, has the wrong size or checksum, is not the Arrow layout
/// expected, or <c>meta.json</c> is unreadable. The block must not be used; the message names the block, the file and
/// the cause.
/// </summary>
public sealed class BlockCorruptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BlockCorruptException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public BlockCorruptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The error that revealed it.</param>
    public BlockCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one file of one block.</summary>
    /// <param name="blockDirectory">The block directory.</param>
    /// <param name="fileName">The file at fault, e.g. <c>chunks.arrow</c>.</param>
    /// <param name="cause">What is wrong with it.</param>
    /// <param name="innerException">The error that revealed it, if any.</param>
    public BlockCorruptException(string blockDirectory, string fileName, string cause, Exception? innerException = null)
        : base($"Block {blockDirectory} is corrupt: {fileName}: {cause}", innerException)
    {
        BlockDirectory = blockDirectory;
        FileName = fileName;
    }

    /// <summary>The block directory, when known.</summary>
    public string? BlockDirectory { get; }

    /// <summary>The file at fault, when known.</summary>
    public string? FileName { get; }
}
