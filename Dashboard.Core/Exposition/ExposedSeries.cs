namespace Dashboard.Core.Exposition;

/// <summary>
/// What the exposition keeps of a collected series, made the first time it is exposed and cached on the series: its
/// family and the UTF-8 text of <c>name{labels} </c>, so a scrape writes a series as one copy and one number.
/// </summary>
/// <param name="Family">The metric family the series belongs to.</param>
/// <param name="Prefix">The series' name and labels, escaped, followed by a space.</param>
internal sealed record ExposedSeries(ExposedFamily Family, byte[] Prefix);
