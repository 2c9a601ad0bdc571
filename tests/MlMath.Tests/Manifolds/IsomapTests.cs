using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Manifolds;

namespace MlMath.Tests.Manifolds;

public sealed class IsomapTests
{
    [Fact]
    public void Isomap_unrolls_a_swiss_roll()
    {
        var roll = ManifoldGenerators.SwissRoll(1200, 0.05, new Random(0));
        var embedding = new Isomap(neighbors: 10, components: 2).FitTransform(roll.Points);
        var correlation = ManifoldTestData.Correlation(embedding.Coordinates.Column(0), roll.Intrinsic.Column(0));
        Math.Abs(correlation).Should().BeGreaterThan(0.95, "the first Isomap axis is the unrolled roll parameter t");
        EmbeddingQuality.Trustworthiness(roll.Points, embedding.Coordinates, 10).Should().BeGreaterThan(0.95);
        embedding.Eigenvalues[0].Should().BeGreaterThan(embedding.Eigenvalues[1]);
    }

    [Fact]
    public void Isomap_of_points_on_a_line_keeps_their_spacing()
    {
        // A curve bent in the plane with growing spacing, so that each point's nearest neighbour is the previous one
        // and the 1-nearest-neighbour graph is the path 0-1-2-...: geodesic distance = sum of chords, which is
        // exactly a 1-D configuration, and Isomap gives it back (up to sign and shift).
        var s = Enumerable.Range(0, 30).Select(i => 0.1 * i + 0.002 * i * i).ToArray();
        var x = DenseMatrix.Create(30, 2, (i, j) => j == 0 ? Math.Cos(s[i]) : Math.Sin(s[i]));
        var y = new Isomap(neighbors: 1, components: 1).FitTransform(x).Coordinates.Column(0);
        for (var i = 1; i < 30; i++) Math.Abs(y[i] - y[i - 1]).Should().BeApproximately(2 * Math.Sin((s[i] - s[i - 1]) / 2), 1e-9);
    }

    [Fact]
    public void Disconnected_graph_is_a_clear_error()
    {
        var x = DenseMatrix.Create(20, 2, (i, j) => j == 0 ? (i < 10 ? i : 100 + i) : 0);
        var act = () => new Isomap(neighbors: 3).FitTransform(x);
        act.Should().Throw<InvalidOperationException>().WithMessage("*2 connected components*");
    }

    [Fact]
    public void Bad_inputs_name_the_problem()
    {
        var x = ManifoldTestData.RandomData(8, 3, new Random(1));
        ((Action)(() => new Isomap(neighbors: 8).FitTransform(x))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*8 neighbours*n - 1 = 7*");
        x[2, 2] = double.NaN;
        ((Action)(() => new Isomap(neighbors: 3).FitTransform(x))).Should().Throw<ArgumentException>().WithMessage("*non-finite*(2, 2)*");
    }

    [Fact]
    public void Epsilon_graph_isomap_works_too()
    {
        var roll = ManifoldGenerators.SwissRoll(400, 0.0, new Random(3));
        var embedding = Isomap.WithEpsilon(4.0).FitTransform(roll.Points);
        Math.Abs(ManifoldTestData.Correlation(embedding.Coordinates.Column(0), roll.Intrinsic.Column(0))).Should().BeGreaterThan(0.9);
    }
}
