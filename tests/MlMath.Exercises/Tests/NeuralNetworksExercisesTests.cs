using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Exercises.Tests;

/// <summary>Checks for exercises 1.5 and 1.6 against the library's autodiff and sampled variances.</summary>
public sealed class NeuralNetworksExercisesTests
{
    [Fact]
    public void Exercise_1_5_matches_the_autodiff_gradient()
    {
        var logits = DenseMatrix.OfArray(new[,] { { 2.0, -1.0, 0.5 }, { 0.0, 3.0, 1.0 }, { -2.0, 0.1, 0.2 } });
        int[] labels = [0, 2, 1];
        var z = new Variable(logits, requiresGrad: true);
        Losses.SoftmaxCrossEntropy(z, labels).Backward();
        var yours = NeuralNetworksExercises.SoftmaxCrossEntropyGradient(logits, labels);
        (yours - z.Grad!).InfinityNorm().Should().BeLessThan(1e-14);
    }

    [Fact]
    public void Exercise_1_5_rows_sum_to_zero()
    {
        // Each row of softmax sums to 1 and each row of the one-hot matrix too, so each gradient row sums to 0.
        var yours = NeuralNetworksExercises.SoftmaxCrossEntropyGradient(DenseMatrix.OfArray(new[,] { { 1000.0, -1000.0 } }), [1]);
        yours.Row(0).Sum().Should().BeApproximately(0.0, 1e-15);
        yours[0, 1].Should().BeApproximately(-1.0, 1e-15);
    }

    [Fact]
    public void Exercise_1_6_bound_gives_the_promised_variance()
    {
        var a = NeuralNetworksExercises.GlorotUniformBound(300, 200);
        a.Should().BeApproximately(Math.Sqrt(6.0 / 500), 1e-15);
        var samples = Initializers.Uniform(300, 200, a, new Random(1)).Enumerate().ToArray();
        var variance = samples.Select(v => v * v).Average();
        variance.Should().BeApproximately(2.0 / 500, 0.03 * 2.0 / 500);
    }
}
