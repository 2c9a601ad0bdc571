using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using MlMath.Regularization;

namespace MlMath.Exercises.Tests;

/// <summary>Checks for exercises 3.1 to 3.4 against binomial bounds and the library's modules.</summary>
public sealed class RegularizationExercisesTests
{
    private static Matrix<double> RandomMatrix(Random rng, int rows, int columns, double low, double high) =>
        DenseMatrix.Create(rows, columns, (_, _) => low + (high - low) * rng.NextDouble());

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.6)]
    public void Exercise_3_1_drops_a_binomial_fraction_scales_survivors_and_keeps_the_mean(double p)
    {
        var x = RandomMatrix(new Random(1), 200, 200, 0.5, 1.5);
        var y = RegularizationExercises.InvertedDropout(x, p, new Random(2));
        var n = x.RowCount * x.ColumnCount;
        var zeros = 0;
        for (var i = 0; i < x.RowCount; i++)
        {
            for (var j = 0; j < x.ColumnCount; j++)
            {
                if (y[i, j] == 0.0) zeros++;
                else y[i, j].Should().BeApproximately(x[i, j] / (1 - p), 1e-15, "a survivor is x / (1 - p)");
            }
        }

        // Zeros ~ Binomial(n, p); the mean of y has standard deviation sqrt(sum x^2 p / (1 - p)) / n about mean(x).
        Math.Abs(zeros - n * p).Should().BeLessThan(5 * Math.Sqrt(n * p * (1 - p)));
        var std = Math.Sqrt(x.Enumerate().Sum(v => v * v) * p / (1 - p)) / n;
        Math.Abs(y.Enumerate().Average() - x.Enumerate().Average()).Should().BeLessThan(5 * std);
    }

    [Fact]
    public void Exercise_3_1_with_p_zero_is_the_identity()
    {
        var x = RandomMatrix(new Random(3), 4, 5, -1, 1);
        RegularizationExercises.InvertedDropout(x, 0.0, new Random(4)).Equals(x).Should().BeTrue();
    }

    [Theory]
    [InlineData(2.0, 0.5)]
    [InlineData(-1.5, 0.1)]
    [InlineData(0.7, 0.9)]
    public void Exercise_3_2_matches_the_two_outcome_distribution_and_a_simulation(double x, double p)
    {
        // Directly from the distribution: y = x / (1 - p) with probability 1 - p, else 0.
        var mean = (1 - p) * x / (1 - p);
        var exact = (1 - p) * Math.Pow(x / (1 - p) - mean, 2) + p * Math.Pow(0 - mean, 2);
        var yours = RegularizationExercises.DropoutVariance(x, p);
        yours.Should().BeApproximately(exact, 1e-12 * Math.Max(1, exact));

        // And from the library's Dropout layer: the sample variance of 250 000 draws.
        var y = new Dropout(p, new Random(5)).Forward(DenseMatrix.Create(500, 500, x)).Value.Enumerate().ToArray();
        var sampleMean = y.Average();
        var sampleVariance = y.Sum(v => (v - sampleMean) * (v - sampleMean)) / (y.Length - 1);
        Math.Abs(sampleVariance - yours).Should().BeLessThan(0.02 * yours + 1e-12);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(6, 3)]
    [InlineData(16, 5)]
    public void Exercise_3_3_matches_the_library_batch_norm_gradients(int rows, int columns)
    {
        var rng = new Random(rows + 100 * columns);
        var x = RandomMatrix(rng, rows, columns, -3, 3);
        var gamma = RandomMatrix(rng, 1, columns, 0.5, 2);
        var dy = RandomMatrix(rng, rows, columns, -1, 1);
        var layer = new BatchNorm(columns);
        layer.Weight!.Assign(gamma);
        var input = new Variable(x, requiresGrad: true);
        layer.Forward(input).Backward(dy);

        var (dx, dgamma, dbeta) = RegularizationExercises.BatchNormBackward(x, gamma, dy, layer.Epsilon);
        (dx - input.Grad!).InfinityNorm().Should().BeLessThan(1e-12);
        (dgamma - layer.Weight.Grad!).InfinityNorm().Should().BeLessThan(1e-12);
        (dbeta - layer.Bias!.Grad!).InfinityNorm().Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Exercise_3_4_hand_example()
    {
        double[] losses = [1.0, 0.7, 0.8, 0.5, 0.6, 0.55, 0.9, 0.4];
        RegularizationExercises.EarlyStoppingEpochs(losses, 3, 0.0).Should().Be((7, 4));
        RegularizationExercises.EarlyStoppingEpochs(losses, 5, 0.0).Should().Be((8, 8));
        RegularizationExercises.EarlyStoppingEpochs(losses, 2, 0.25).Should().Be((4, 2));   // 0.7 beats 1.0 by 0.3; 0.5 beats 0.7 by only 0.2
    }

    [Fact]
    public void Exercise_3_4_agrees_with_the_library_on_random_loss_curves()
    {
        var rng = new Random(6);
        var model = Mlp.Create([1, 1], ActivationKind.Identity, rng);
        for (var trial = 0; trial < 200; trial++)
        {
            var patience = rng.Next(1, 6);
            var minDelta = rng.Next(3) * 0.05;
            var losses = new double[rng.Next(1, 40)];
            var level = 1.0;
            for (var k = 0; k < losses.Length; k++) losses[k] = level += 0.2 * (rng.NextDouble() - 0.6);

            var stopping = new EarlyStopping(model, patience, minDelta);
            var stop = losses.Length;
            for (var k = 0; k < losses.Length; k++)
            {
                if (stopping.Report(losses[k]))
                {
                    stop = k + 1;
                    break;
                }
            }

            RegularizationExercises.EarlyStoppingEpochs(losses, patience, minDelta).Should().Be((stop, stopping.BestEpoch), $"trial {trial}");
        }
    }
}
