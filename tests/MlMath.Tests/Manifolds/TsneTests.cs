using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Manifolds;

namespace MlMath.Tests.Manifolds;

public sealed class TsneTests
{
    /// <summary>Three Gaussian blobs in 10-D, 40 points each, centres 20 apart, unit spread.</summary>
    private static (Matrix<double> X, int[] Labels) Blobs(int seed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, 120).Select(i => i / 40).ToArray();
        var x = DenseMatrix.Create(120, 10, (i, j) => (j == labels[i] ? 20.0 : 0.0) + Normal(random));
        return (x, labels);
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Theory]
    [InlineData(5.0)]
    [InlineData(30.0)]
    public void Perplexity_search_hits_the_target(double perplexity)
    {
        var random = new Random(1);
        var squared = Enumerable.Range(0, 90).Select(_ => 100 * random.NextDouble() + 50).ToArray();
        var p = new double[90];
        var beta = PerplexitySearch.Calibrate(squared, perplexity, p);
        beta.Should().BePositive();
        p.Sum().Should().BeApproximately(1, 1e-12);
        // |H - ln Perp| <= 1e-5 nats, so Perp is within a relative 1e-5.
        PerplexitySearch.Perplexity(p).Should().BeApproximately(perplexity, 2e-5 * perplexity);
    }

    [Fact]
    public void Perplexity_search_rejects_an_unreachable_target()
    {
        var act = () => PerplexitySearch.Calibrate(new double[] { 1, 2, 3 }, 3.0, new double[3]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*perplexity = 3*");
    }

    [Fact]
    public void Kl_divergence_decreases_after_early_exaggeration()
    {
        var (x, _) = Blobs(2);
        var result = new Tsne { Perplexity = 10, Method = TsneGradientMethod.Exact, Iterations = 500, EarlyExaggerationIterations = 100 }
            .FitTransform(x, new Random(3));
        var after = result.KlHistory.Where(h => h.Iteration >= 150).Select(h => h.KlDivergence).ToArray();
        after.Last().Should().BeLessThan(after.First());
        for (var t = 1; t < after.Length; t++) after[t].Should().BeLessThan(after[t - 1] + 1e-3, "KL is (nearly) monotone once the exaggeration is off");
        result.KlDivergence.Should().BeApproximately(after.Last(), 1e-12);
    }

    [Theory]
    [InlineData(TsneGradientMethod.Exact)]
    [InlineData(TsneGradientMethod.BarnesHut)]
    public void Well_separated_blobs_stay_separated(TsneGradientMethod method)
    {
        var (x, labels) = Blobs(4);
        var y = new Tsne { Perplexity = 10, Method = method, Iterations = 400 }.FitTransform(x, new Random(5)).Coordinates;
        var neighbors = NearestNeighbors.Search(y, 10);
        for (var i = 0; i < 120; i++)
        {
            foreach (var j in neighbors.Indices(i)) labels[j].Should().Be(labels[i]);
        }

        // Every blob's diameter is smaller than the gap to the nearest other blob.
        double maxWithin = 0, minBetween = double.PositiveInfinity;
        for (var i = 0; i < 120; i++)
        {
            for (var j = i + 1; j < 120; j++)
            {
                var d = (y.Row(i) - y.Row(j)).L2Norm();
                if (labels[i] == labels[j]) maxWithin = Math.Max(maxWithin, d);
                else minBetween = Math.Min(minBetween, d);
            }
        }

        minBetween.Should().BeGreaterThan(0.5 * maxWithin);
    }

    [Fact]
    public void Barnes_hut_gradient_is_close_to_the_exact_one()
    {
        var (x, _) = Blobs(6);
        var rows = new double[120 * 10];
        for (var i = 0; i < 120; i++) for (var j = 0; j < 10; j++) rows[i * 10 + j] = x[i, j];
        var p = JointProbabilities.Compute(rows, 120, 10, 10, 119);
        var random = new Random(7);
        var y = Enumerable.Range(0, 240).Select(_ => 5 * Normal(random)).ToArray();
        var exact = new double[240];
        var zExact = TsneGradient.Compute(p, y, 2, TsneGradientMethod.Exact, 0, 1, exact);

        var thetaZero = new double[240];
        var zTree = TsneGradient.Compute(p, y, 2, TsneGradientMethod.BarnesHut, 0, 1, thetaZero);
        zTree.Should().BeApproximately(zExact, 1e-10 * zExact);
        for (var t = 0; t < 240; t++) thetaZero[t].Should().BeApproximately(exact[t], 1e-12, "theta = 0 never summarises a cell");

        var approximate = new double[240];
        TsneGradient.Compute(p, y, 2, TsneGradientMethod.BarnesHut, 0.5, 1, approximate);
        var error = Math.Sqrt(exact.Zip(approximate, (a, b) => (a - b) * (a - b)).Sum());
        var norm = Math.Sqrt(exact.Sum(a => a * a));
        (error / norm).Should().BeLessThan(0.02);
    }

    [Fact]
    public void Exact_gradient_matches_finite_differences_of_the_kl_divergence()
    {
        var (x, _) = Blobs(8);
        var small = x.SubMatrix(0, 30, 0, 10);
        var rows = new double[30 * 10];
        for (var i = 0; i < 30; i++) for (var j = 0; j < 10; j++) rows[i * 10 + j] = small[i, j];
        var p = JointProbabilities.Compute(rows, 30, 10, 5, 29);
        var random = new Random(9);
        var y = Enumerable.Range(0, 60).Select(_ => Normal(random)).ToArray();
        var gradient = new double[60];
        TsneGradient.Compute(p, y, 2, TsneGradientMethod.Exact, 0, 1, gradient);
        double Kl(double[] v)
        {
            var scratch = new double[60];
            return TsneGradient.KlDivergence(p, v, 2, TsneGradient.Compute(p, v, 2, TsneGradientMethod.Exact, 0, 1, scratch));
        }

        foreach (var t in new[] { 0, 7, 33, 59 })
        {
            var plus = (double[])y.Clone();
            var minus = (double[])y.Clone();
            plus[t] += 1e-6;
            minus[t] -= 1e-6;
            ((Kl(plus) - Kl(minus)) / 2e-6).Should().BeApproximately(gradient[t], 1e-6);
        }
    }

    [Fact]
    public void Bad_inputs_are_clear_errors()
    {
        var x = ManifoldTestData.RandomData(20, 3, new Random(1));
        ((Action)(() => new Tsne { Perplexity = 30 }.FitTransform(x, new Random(1)))).Should()
            .Throw<ArgumentOutOfRangeException>().WithMessage("*perplexity 30 is too large for n = 20*");
        ((Action)(() => new Tsne { Components = 3 }.FitTransform(x, new Random(1)))).Should()
            .Throw<ArgumentOutOfRangeException>().WithMessage("*Barnes-Hut*Components = 2*");
        x[4, 0] = double.NaN;
        ((Action)(() => new Tsne { Perplexity = 5 }.FitTransform(x, new Random(1)))).Should()
            .Throw<ArgumentException>().WithMessage("*non-finite*(4, 0)*");
    }

    [Fact]
    public void Same_seed_gives_the_same_embedding()
    {
        var x = ManifoldTestData.RandomData(60, 4, new Random(2));
        var tsne = new Tsne { Perplexity = 8, Iterations = 100, Initialization = TsneInitialization.Random };
        var a = tsne.FitTransform(x, new Random(11)).Coordinates;
        var b = tsne.FitTransform(x, new Random(11)).Coordinates;
        (a - b).InfinityNorm().Should().Be(0);
    }
}
