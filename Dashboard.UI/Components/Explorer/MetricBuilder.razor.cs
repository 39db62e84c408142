using Dashboard.UI.Components.TimeRange;
using Microsoft.AspNetCore.Components;

namespace Dashboard.UI.Components.Explorer;

/// <summary>
/// Builds a series selector without typing PromQL: a metric, then label filters (<c>=</c>, <c>!=</c>, <c>=~</c>,
/// <c>!~</c>), each suggested from the store's index over the chart's range. "Chart it" hands the selector on.
/// </summary>
public sealed partial class MetricBuilder
{
    private readonly List<LabelFilter> _filters = [];
    private string? _metric;

    /// <summary>The range suggestions come from.</summary>
    [Parameter]
    [EditorRequired]
    public required ChartRange Range { get; set; }

    /// <summary>Raised with the selector built.</summary>
    [Parameter]
    public EventCallback<string> SelectorChosen { get; set; }

    /// <summary>The store's metric and label names.</summary>
    [Inject]
    public required MetricLabels Labels { get; init; }

    /// <summary>The clock a relative range ends at.</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    private Task<IEnumerable<string>> SearchMetricsAsync(string? text, CancellationToken cancellationToken)
    {
        var (start, end) = Range.Resolve(Time.GetUtcNow());
        return Task.FromResult<IEnumerable<string>>(Labels.Metrics(text, start, end));
    }

    private Task<IEnumerable<string>> SearchNamesAsync(string? text, CancellationToken cancellationToken)
    {
        var (start, end) = Range.Resolve(Time.GetUtcNow());
        return Task.FromResult<IEnumerable<string>>(Labels.Names(_metric, text, start, end));
    }

    private Task<IEnumerable<string>> SearchValuesAsync(LabelFilter filter, string? text, CancellationToken cancellationToken)
    {
        var (start, end) = Range.Resolve(Time.GetUtcNow());
        return Task.FromResult<IEnumerable<string>>(Labels.Values(_metric, filter.Name, text, start, end));
    }

    private Task UseAsync() => SelectorChosen.InvokeAsync(SelectorText.Write(_metric, _filters));
}
