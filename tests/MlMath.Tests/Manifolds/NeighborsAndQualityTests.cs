using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Manifolds;

namespace MlMath.Tests.Manifolds;

public sealed class NeighborsAndQualityTests
{
    [Theory]
    [InlineData(300, 3, 7)]
    [InlineData(120, 20, 5)] // brute-force path (d > 16)
    public void Knn_search_matches_a_full_sort(int n, int d, int k)
    {
        var x = ManifoldTestData.RandomData(n, d, new Random(n));
        var neighbors = NearestNeighbors.Search(x, k);
        for (var i = 0; i < n; i += 7)
        {
            var expected = Enumerable.Range(0, n).Where(j => j != i)
                .Select(j => (j, dist: (x.Row(i) - x.Row(j)).L2Norm())).OrderBy(p => p.dist).Take(k).ToArray();
            neighbors.Indices(i).ToArray().Should().Equal(expected.Select(p => p.j));
            for (var r = 0; r < k; r++) neighbors.Distance(i, r).Should().BeApproximately(expected[r].dist, 1e-12);
        }
    }

    [Fact]
    public void Dijkstra_matches_hand_computed_paths()
    {
        // Points on a line at 0, 1, 3, 6; 1-nearest-neighbour graph: 0-1, 1-0, 3-1, 6-3 -> a path.
        var x = DenseMatrix.OfArray(new double[,] { { 0 }, { 1 }, { 3 }, { 6 } });
        var graph = NeighborhoodGraph.KNearest(x, 1);
        var d = Dijkstra.AllPairs(graph);
        d[0, 3].Should().Be(6);
        d[3, 1].Should().Be(5);
        d[2, 2].Should().Be(0);
    }

    [Fact]
    public void Trustworthiness_and_continuity_match_a_hand_computed_example()
    {
        // X = (0, 1, 3, 7, 15) on a line; Y swaps the first two points' roles: (0, 3, 1, 7, 15).
        // With k = 1, four points each have one intruder of rank 2 (penalty 1):
        // T = 1 - 2 / (n k (2n - 3k - 1)) * 4 = 1 - 8 / 30 = 11/15, and the same for C.
        var x = DenseMatrix.OfArray(new double[,] { { 0 }, { 1 }, { 3 }, { 7 }, { 15 } });
        var y = DenseMatrix.OfArray(new double[,] { { 0 }, { 3 }, { 1 }, { 7 }, { 15 } });
        EmbeddingQuality.Trustworthiness(x, y, 1).Should().BeApproximately(11.0 / 15, 1e-15);
        EmbeddingQuality.Continuity(x, y, 1).Should().BeApproximately(11.0 / 15, 1e-15);
        EmbeddingQuality.NeighborPreservation(x, y, 1).Should().BeApproximately(1.0 / 5, 1e-15);
        EmbeddingQuality.Trustworthiness(x, x, 1).Should().Be(1);
    }

    [Fact]
    public void A_random_embedding_is_much_less_trustworthy_than_a_rotation()
    {
        var x = ManifoldTestData.RandomData(200, 3, new Random(2));
        var rotated = x * DenseMatrix.OfArray(new[,] { { 0.0, 1, 0 }, { -1, 0, 0 }, { 0, 0, 1 } });
        EmbeddingQuality.Trustworthiness(x, rotated, 10).Should().BeApproximately(1, 1e-15);
        var random = ManifoldTestData.RandomData(200, 2, new Random(9));
        EmbeddingQuality.Trustworthiness(x, random, 10).Should().BeLessThan(0.7);
    }

    [Fact]
    public void Metrics_reject_bad_k_and_mismatched_rows()
    {
        var x = ManifoldTestData.RandomData(10, 2, new Random(1));
        ((Action)(() => EmbeddingQuality.Trustworthiness(x, x, 7))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*k = 7*");
        ((Action)(() => EmbeddingQuality.Trustworthiness(x, x.SubMatrix(0, 9, 0, 2), 2))).Should().Throw<ArgumentException>().WithMessage("*10 rows*9*");
        ((Action)(() => NearestNeighbors.Search(x, 10))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*k = 10*");
    }

    [Fact]
    public void Generators_are_reproducible_and_lie_on_their_surfaces()
    {
        var a = ManifoldGenerators.SwissRoll(50, 0, new Random(4));
        var b = ManifoldGenerators.SwissRoll(50, 0, new Random(4));
        a.Points.Should().BeEquivalentTo(b.Points);
        for (var i = 0; i < 50; i++)
        {
            var t = a.Intrinsic[i, 0];
            a.Points[i, 0].Should().BeApproximately(t * Math.Cos(t), 1e-12);
        }

        var sphere = ManifoldGenerators.NoisySphere(50, 0, new Random(1));
        for (var i = 0; i < 50; i++) sphere.Points.Row(i).L2Norm().Should().BeApproximately(1, 1e-12);
        var s = ManifoldGenerators.SCurve(50, 0.1, new Random(1));
        s.Intrinsic.ColumnCount.Should().Be(2);
    }
}
