namespace Dashboard.Core.Diagnostics.Profiles;

/// <summary>
/// A profile as sampled stacks: what the CPU sampler and the heap summary produce and what every writer (pprof,
/// speedscope, the UI's flame graph) reads, so that each format is written from one model.
/// </summary>
/// <param name="StartedAt">When sampling started.</param>
/// <param name="Duration">How long it sampled (zero for a snapshot such as a heap summary).</param>
/// <param name="Types">What each sample's values measure, in order (for example samples/count, cpu/nanoseconds).</param>
/// <param name="Frames">Every distinct frame; samples refer to them by index.</param>
/// <param name="Samples">The samples, one per distinct stack (values summed).</param>
/// <param name="Period">The sampling interval, for formats that record it; null for a snapshot.</param>
public sealed record StackProfile(
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    IReadOnlyList<ProfileValueType> Types,
    IReadOnlyList<ProfileFrame> Frames,
    IReadOnlyList<ProfileSample> Samples,
    TimeSpan? Period);

/// <summary>What one value of a sample measures, in pprof's words.</summary>
/// <param name="Type">The quantity: <c>samples</c>, <c>cpu</c>, <c>inuse_space</c>, <c>inuse_objects</c>.</param>
/// <param name="Unit">Its unit: <c>count</c>, <c>nanoseconds</c>, <c>bytes</c>.</param>
public sealed record ProfileValueType(string Type, string Unit);

/// <summary>One frame of a stack.</summary>
/// <param name="Function">The method, with its type (<c>Namespace.Type.Method</c>), or a placeholder for unresolved code.</param>
/// <param name="Module">The assembly or native module it belongs to, when known.</param>
public sealed record ProfileFrame(string Function, string? Module);

/// <summary>A stack and what was measured on it.</summary>
/// <param name="Stack">Indices into <see cref="StackProfile.Frames"/>, the leaf (the running frame) first.</param>
/// <param name="Values">One value per <see cref="StackProfile.Types"/> entry.</param>
/// <param name="Thread">The thread it was seen on, when known (speedscope shows one timeline per thread).</param>
public sealed record ProfileSample(IReadOnlyList<int> Stack, IReadOnlyList<long> Values, string? Thread);
