namespace Dashboard.Plugins.System;

/// <summary>One line of the mount table, unescaped.</summary>
/// <param name="Device">The mounted device or source.</param>
/// <param name="MountPoint">Where it is mounted.</param>
/// <param name="FilesystemType">The filesystem type (ext4, xfs, …).</param>
internal readonly record struct MountEntry(string Device, string MountPoint, string FilesystemType);
