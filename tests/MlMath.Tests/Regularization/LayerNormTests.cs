using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Regularization;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.Regularization;

public sealed class LayerNormTests
{
    [Fact]
    public void Each_row_is_normalised_by_its_own_statistics()
    {
        var rng = new Random(1);
        var x = GradientTestKit.RandomMatrix(rng, 6, 8);
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 8; j++) x[i, j] = 5.0 * i + (i + 1) * x[i, j];
        }

        var layer = new LayerNorm(8);
        layer.Weight!.Assign(GradientTestKit.RandomAwayFromZero(rng, 1, 8));
        layer.Bias!.Assign(GradientTestKit.RandomMatrix(rng, 1, 8));
        var y = layer.Forward(x).Value;
        for (var i = 0; i < 6; i++)
        {
            var row = x.Row(i).ToArray();
            var mean = row.Average();
            var variance = row.Sum(v => (v - mean) * (v - mean)) / row.Length;
            for (var j = 0; j < 8; j++)
            {
                var expected = layer.Weight.Value[0, j] * (x[i, j] - mean) / Math.Sqrt(variance + layer.Epsilon) + layer.Bias.Value[0, j];
                y[i, j].Should().BeApproximately(expected, 1e-12);
            }
        }
    }

    [Fact]
    public void Without_affine_each_row_has_mean_0_and_variance_1()
    {
        var x = GradientTestKit.RandomMatrix(new Random(2), 4, 10, -3.0, 7.0);
        var y = new LayerNorm(10, affine: false).Forward(x).Value;
        for (var i = 0; i < 4; i++)
        {
            var row = y.Row(i).ToArray();
            row.Average().Should().BeApproximately(0.0, 1e-14);
            row.Sum(v => v * v / row.Length).Should().BeApproximately(1.0, 1e-4);
        }
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(4, 5)]
    [InlineData(7, 2)]
    public void Gradients_for_input_scale_and_shift_match_finite_differences(int rows, int columns)
    {
        var rng = new Random(rows * 10 + columns);
        var layer = new LayerNorm(columns);
        layer.Weight!.Assign(GradientTestKit.RandomAwayFromZero(rng, 1, columns));
        layer.Bias!.Assign(GradientTestKit.RandomMatrix(rng, 1, columns));
        var errors = ModuleGradientCheck.WorstRelativeErrors(layer, GradientTestKit.RandomMatrix(rng, rows, columns), rng);
        errors.Keys.Should().BeEquivalentTo("input", "weight", "bias");
        errors.Should().OnlyContain(e => e.Value < 1e-6, string.Join(", ", errors));
    }

    [Fact]
    public void Training_and_evaluation_give_the_same_output()
    {
        var layer = new LayerNorm(4);
        var x = GradientTestKit.RandomMatrix(new Random(3), 3, 4);
        var training = layer.Forward(x).Value;
        layer.Eval();
        layer.Forward(x).Value.Equals(training).Should().BeTrue();
    }

    [Fact]
    public void Wrong_feature_count_is_rejected()
    {
        FluentActions.Invoking(() => new LayerNorm(3).Forward(new DenseMatrix(2, 5))).Should().Throw<ArgumentException>()
            .WithMessage("*LayerNorm*2x5*expects 3 features*");
        FluentActions.Invoking(() => new LayerNorm(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
