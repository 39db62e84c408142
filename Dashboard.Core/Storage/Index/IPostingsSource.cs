namespace Dashboard.Core.Storage.Index;

/// <summary>What <see cref="PostingsSelector"/> needs of an index: its postings lists by label pair.</summary>
public interface IPostingsSource
{
    /// <summary>Every series id, ascending.</summary>
    /// <returns>The ids.</returns>
    int[] AllPostings();

    /// <summary>The values the label takes in some series.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The values, empty when no series has the label.</returns>
    IReadOnlyCollection<string> ValuesOf(string name);

    /// <summary>The ids of the series with <paramref name="name"/>=<paramref name="value"/>, ascending.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The label value.</param>
    /// <returns>The ids, empty when none.</returns>
    int[] PostingsOf(string name, string value);
}
