namespace Dashboard.Core.Storage.Chunks;

/// <summary>How <see cref="IntegerColumnEncoder"/> codes a column, and what that costs.</summary>
/// <param name="Order">What is coded per sample.</param>
/// <param name="Base">Subtracted from every residual before zigzagging (their median).</param>
/// <param name="Slope">
/// The first difference for <see cref="ColumnOrder.DeltasOfDeltas"/>, the line's slope for <see cref="ColumnOrder.Line"/>;
/// held in the header for those two orders only.
/// </param>
/// <param name="Width">Bits of the largest code; 0 when all are 0 and none is written.</param>
/// <param name="RiceParameter">The Rice parameter k.</param>
/// <param name="Bits">The bits of the order-specific header fields and the codes.</param>
internal readonly record struct ColumnPlan(ColumnOrder Order, long Base, long Slope, int Width, int RiceParameter, long Bits)
{
    /// <summary>Whether the header holds <see cref="Slope"/>.</summary>
    public bool HasSlope => Order is ColumnOrder.DeltasOfDeltas or ColumnOrder.Line;

    /// <summary>The first sample with a code; those before it are known from the header.</summary>
    public int FirstCoded => Order == ColumnOrder.DeltasOfDeltas ? 2 : 1;
}
