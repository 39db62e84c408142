namespace Dashboard.Core.Collection;

/// <summary>A latest sample and the instance that collected it.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Sample">The sample.</param>
public readonly record struct InstanceSample(string InstanceId, Sample Sample);
