using CsCheck;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Storage.Index;

public sealed class PostingsTests
{
    private static readonly Gen<int[]> GenList = Gen.Int[0, 200].Array[0, 120].Select(a => a.Distinct().Order().ToArray());

    [Fact]
    public void Set_operations_agree_with_linq_on_any_sorted_lists()
    {
        Gen.Select(GenList, GenList, GenList).Sample((a, b, c) =>
        {
            Assert.Equal(a.Intersect(b).Order(), Postings.Intersect(a, b));
            Assert.Equal(a.Except(b).Order(), Postings.Subtract(a, b));
            Assert.Equal(a.Union(b).Union(c).Order(), Postings.Union([a, b, c]));
        }, iter: 1000);
    }

    [Fact]
    public void Intersection_of_a_short_list_with_a_long_one_is_exact()
    {
        var longList = Enumerable.Range(0, 100_000).Where(i => i % 3 == 0).ToArray();

        Assert.Equal([3, 99_999], Postings.Intersect([1, 3, 4, 99_999, 100_001], longList));
    }
}
