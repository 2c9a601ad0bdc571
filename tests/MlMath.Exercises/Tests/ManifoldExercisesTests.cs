using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Manifolds;

namespace MlMath.Exercises.Tests;

/// <summary>Checks for exercises 4b.1 to 4b.3 against the library's implementations and hand-computed values.</summary>
public sealed class ManifoldExercisesTests
{
    [Fact]
    public void Exercise_4b_1_gives_the_gram_matrix_of_the_centred_points()
    {
        var random = new Random(1);
        var x = DenseMatrix.Create(15, 3, (_, _) => random.NextDouble());
        var d2 = DenseMatrix.Create(15, 15, (i, j) => (x.Row(i) - x.Row(j)) * (x.Row(i) - x.Row(j)));
        var centred = x - DenseMatrix.Create(15, 3, (_, j) => x.Column(j).Average());
        var yours = ManifoldExercises.DoubleCenter(d2);
        (yours - centred * centred.Transpose()).InfinityNorm().Should().BeLessThan(1e-12);
        yours.RowSums().InfinityNorm().Should().BeLessThan(1e-12, "B = J D2 J has zero row sums");
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(20.0)]
    public void Exercise_4b_2_hits_the_target_perplexity(double perplexity)
    {
        var random = new Random(2);
        var d = Enumerable.Range(0, 60).Select(_ => 1000 + 50 * random.NextDouble()).ToArray(); // far away: naive exp underflows
        var beta = ManifoldExercises.PerplexityPrecision(d, perplexity);
        var min = d.Min();
        var w = d.Select(v => Math.Exp(-beta * (v - min))).ToArray();
        var p = w.Select(v => v / w.Sum()).ToArray();
        PerplexitySearch.Perplexity(p).Should().BeApproximately(perplexity, 1e-4 * perplexity);
        var library = new double[60];
        PerplexitySearch.Calibrate(d, perplexity, library).Should().BeApproximately(beta, 1e-3 * beta);
    }

    [Fact]
    public void Exercise_4b_3_matches_a_hand_computed_value_and_the_library()
    {
        // X = (0, 1, 3, 7, 15), Y = (0, 3, 1, 7, 15), k = 1: four intruders of rank 2, so T = 1 - 8/30 = 11/15.
        var x = DenseMatrix.OfArray(new double[,] { { 0 }, { 1 }, { 3 }, { 7 }, { 15 } });
        var y = DenseMatrix.OfArray(new double[,] { { 0 }, { 3 }, { 1 }, { 7 }, { 15 } });
        ManifoldExercises.Trustworthiness(x, y, 1).Should().BeApproximately(11.0 / 15, 1e-12);

        var roll = ManifoldGenerators.SwissRoll(150, 0.1, new Random(3));
        var pca = Pca.Fit(roll.Points, 2).Transform(roll.Points);
        ManifoldExercises.Trustworthiness(roll.Points, pca, 5)
            .Should().BeApproximately(EmbeddingQuality.Trustworthiness(roll.Points, pca, 5), 1e-12);
    }
}
