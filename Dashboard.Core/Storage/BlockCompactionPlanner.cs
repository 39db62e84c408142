using Dashboard.Core.Storage.Blocks;

namespace Dashboard.Core.Storage;

/// <summary>
/// Picks blocks to merge: the blocks inside one aligned range of 3×, 9×, 27×… the block duration, once the head has
/// moved past that range (no more blocks can arrive in it). Ranges stop at a tenth of retention, so retention still
/// deletes data in steps of at most a tenth.
/// </summary>
internal static class BlockCompactionPlanner
{
    public static IReadOnlyList<Block>? Plan(IReadOnlyList<Block> blocks, long blockDuration, long headMinValidTime, TimeSpan retention)
    {
        var maxRange = Math.Max(blockDuration * 3, (long)retention.TotalMilliseconds / 10);
        for (var range = blockDuration * 3; range <= maxRange; range *= 3)
        {
            var groups = blocks
                .GroupBy(b => FloorTo(b.Meta.MinTime, range))
                .Where(g => g.Key + range <= headMinValidTime && g.All(b => b.Meta.MaxTime <= g.Key + range))
                .Where(g => g.Count() > 1)
                .OrderBy(g => g.Key);
            if (groups.FirstOrDefault() is { } group)
            {
                return [.. group.OrderBy(b => b.Meta.MinTime)];
            }
        }

        return null;
    }

    private static long FloorTo(long value, long step) => value >= 0 ? value / step * step : (value - step + 1) / step * step;
}
