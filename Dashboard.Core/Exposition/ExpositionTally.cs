namespace Dashboard.Core.Exposition;

/// <summary>What one scrape of the collected series wrote.</summary>
/// <param name="Series">Series written.</param>
/// <param name="Families">Families written.</param>
/// <param name="LeftOutFamilies">Families left out because one of the host's own families has their name.</param>
public readonly record struct ExpositionTally(int Series, int Families, int LeftOutFamilies);
