using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Regularization;

namespace MlMath.Tests.Regularization;

public sealed class GaussianNoiseTests
{
    [Fact]
    public void Training_adds_zero_mean_noise_of_the_given_standard_deviation()
    {
        const double sigma = 0.7;
        var x = DenseMatrix.Create(300, 200, 2.0);
        var noise = new GaussianNoise(sigma, new Random(8)).Forward(x).Value - x;
        var n = noise.RowCount * noise.ColumnCount;

        // Sample mean ~ N(0, sigma^2 / n); sample variance has standard deviation sigma^2 sqrt(2 / (n - 1)).
        var mean = noise.Enumerate().Average();
        var variance = noise.Enumerate().Sum(v => (v - mean) * (v - mean)) / (n - 1);
        Math.Abs(mean).Should().BeLessThan(5 * sigma / Math.Sqrt(n));
        Math.Abs(variance - sigma * sigma).Should().BeLessThan(5 * sigma * sigma * Math.Sqrt(2.0 / (n - 1)));
    }

    [Fact]
    public void Evaluation_mode_is_the_identity_and_the_gradient_passes_through()
    {
        var layer = new GaussianNoise(1.0, new Random(1));
        var x = new Variable(DenseMatrix.Create(3, 4, 1.5), requiresGrad: true);
        layer.Eval();
        layer.Forward(x).Should().BeSameAs(x);
        layer.Train();
        layer.Forward(x).Sum().Backward();
        x.Grad!.Enumerate().Should().OnlyContain(g => g == 1.0);
    }

    [Fact]
    public void Same_seed_gives_the_same_noise()
    {
        var x = new DenseMatrix(5, 5);
        new GaussianNoise(0.3, new Random(4)).Forward(x).Value
            .Equals(new GaussianNoise(0.3, new Random(4)).Forward(x).Value).Should().BeTrue();
    }

    [Fact]
    public void Negative_standard_deviation_is_rejected()
    {
        FluentActions.Invoking(() => new GaussianNoise(-1.0, new Random(0))).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*GaussianNoise*standardDeviation = -1*");
    }
}
