namespace Dashboard.Core.Collection;

/// <summary>
/// A plugin's metrics class breaks the rules of <see cref="Dashboard.Abstractions.MetricAttribute"/>; the message names
/// the class and every member at fault.
/// </summary>
public sealed class MetricDeclarationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public MetricDeclarationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the class and members.</param>
    public MetricDeclarationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the class and members.</param>
    /// <param name="innerException">The cause.</param>
    public MetricDeclarationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
