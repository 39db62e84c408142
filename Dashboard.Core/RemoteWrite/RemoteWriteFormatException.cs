namespace Dashboard.Core.RemoteWrite;

/// <summary>A remote_write body that cannot be read; the message names what is wrong with it.</summary>
public sealed class RemoteWriteFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteWriteFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public RemoteWriteFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The decoder's error.</param>
    public RemoteWriteFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="isTooLarge">Whether the body is refused for its size rather than its content.</param>
    public RemoteWriteFormatException(string message, bool isTooLarge)
        : base(message) => IsTooLarge = isTooLarge;

    /// <summary>Whether the body is refused for its size rather than its content.</summary>
    public bool IsTooLarge { get; }
}
