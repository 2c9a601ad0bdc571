using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Regularization;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.Regularization;

public sealed class BatchNormTests
{
    /// <summary>A batch whose columns have very different means and scales: column j ~ 10 j + (j + 1) U(-2, 2).</summary>
    private static Matrix<double> Batch(Random rng, int rows, int columns)
    {
        var x = GradientTestKit.RandomMatrix(rng, rows, columns);
        for (var j = 0; j < columns; j++)
        {
            for (var i = 0; i < rows; i++) x[i, j] = 10.0 * j + (j + 1) * x[i, j];
        }

        return x;
    }

    private static (double Mean, double BiasedVariance) ColumnStatistics(Matrix<double> x, int j)
    {
        var column = x.Column(j);
        var mean = column.Sum() / column.Count;
        var variance = column.Select(v => (v - mean) * (v - mean)).Sum() / column.Count;
        return (mean, variance);
    }

    [Fact]
    public void Training_output_has_per_feature_mean_0_and_variance_1()
    {
        var x = Batch(new Random(1), 32, 5);
        var layer = new BatchNorm(5);
        var y = layer.Forward(x).Value;
        for (var j = 0; j < 5; j++)
        {
            var (_, v) = ColumnStatistics(x, j);
            var (mean, variance) = ColumnStatistics(y, j);
            mean.Should().BeApproximately(0.0, 1e-14);
            // Exactly 1 without eps; with it, var / (var + eps).
            variance.Should().BeApproximately(v / (v + layer.Epsilon), 1e-13);
            variance.Should().BeApproximately(1.0, 1e-4);
        }
    }

    [Fact]
    public void Scale_and_shift_set_the_output_mean_and_standard_deviation()
    {
        var x = Batch(new Random(2), 50, 3);
        var layer = new BatchNorm(3, epsilon: 1e-12);
        layer.Weight!.Assign(DenseMatrix.OfArray(new[,] { { 2.0, -0.5, 3.0 } }));
        layer.Bias!.Assign(DenseMatrix.OfArray(new[,] { { 1.0, 0.0, -4.0 } }));
        var y = layer.Forward(x).Value;
        for (var j = 0; j < 3; j++)
        {
            var (mean, variance) = ColumnStatistics(y, j);
            mean.Should().BeApproximately(layer.Bias.Value[0, j], 1e-13);
            Math.Sqrt(variance).Should().BeApproximately(Math.Abs(layer.Weight.Value[0, j]), 1e-10);
        }
    }

    [Fact]
    public void Running_statistics_after_k_batches_equal_the_momentum_formula()
    {
        const double momentum = 0.3;
        var rng = new Random(3);
        var layer = new BatchNorm(4, momentum: momentum);
        var expectedMean = new double[4];
        var expectedVariance = new[] { 1.0, 1.0, 1.0, 1.0 };
        foreach (var rows in new[] { 4, 7, 16, 2, 9 })
        {
            var x = Batch(rng, rows, 4);
            layer.Forward(x);
            for (var j = 0; j < 4; j++)
            {
                // PyTorch: running <- (1 - momentum) running + momentum batch, with the unbiased batch variance.
                var column = x.Column(j).ToArray();
                var mean = column.Average();
                var unbiased = column.Sum(v => (v - mean) * (v - mean)) / (rows - 1);
                expectedMean[j] = (1 - momentum) * expectedMean[j] + momentum * mean;
                expectedVariance[j] = (1 - momentum) * expectedVariance[j] + momentum * unbiased;
            }
        }

        for (var j = 0; j < 4; j++)
        {
            layer.RunningMean[0, j].Should().BeApproximately(expectedMean[j], 1e-12);
            layer.RunningVariance[0, j].Should().BeApproximately(expectedVariance[j], 1e-11 * expectedVariance[j]);
        }
    }

    [Fact]
    public void Evaluation_is_the_affine_map_from_the_running_statistics_and_leaves_them_alone()
    {
        var rng = new Random(4);
        var layer = new BatchNorm(3);
        for (var k = 0; k < 3; k++) layer.Forward(Batch(rng, 10, 3));
        layer.Weight!.Assign(DenseMatrix.OfArray(new[,] { { 1.5, -2.0, 0.25 } }));
        layer.Bias!.Assign(DenseMatrix.OfArray(new[,] { { 0.1, 0.2, -0.3 } }));
        var (runningMean, runningVariance) = (layer.RunningMean.Clone(), layer.RunningVariance.Clone());

        layer.Eval();
        var x = Batch(rng, 1, 3);   // a single row is fine in evaluation mode
        var y = layer.Forward(x).Value;
        for (var j = 0; j < 3; j++)
        {
            var expected = layer.Weight.Value[0, j] * (x[0, j] - runningMean[0, j]) / Math.Sqrt(runningVariance[0, j] + layer.Epsilon)
                + layer.Bias.Value[0, j];
            y[0, j].Should().BeApproximately(expected, 1e-12);
        }

        layer.RunningMean.Equals(runningMean).Should().BeTrue();
        layer.RunningVariance.Equals(runningVariance).Should().BeTrue();
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(5, 3)]
    [InlineData(8, 4)]
    public void Training_gradients_for_input_scale_and_shift_match_finite_differences(int rows, int columns)
    {
        var rng = new Random(rows * 10 + columns);
        var layer = new BatchNorm(columns);
        layer.Weight!.Assign(GradientTestKit.RandomAwayFromZero(rng, 1, columns));
        layer.Bias!.Assign(GradientTestKit.RandomMatrix(rng, 1, columns));
        var errors = ModuleGradientCheck.WorstRelativeErrors(layer, Batch(rng, rows, columns), rng);
        errors.Keys.Should().BeEquivalentTo("input", "weight", "bias");
        errors.Should().OnlyContain(e => e.Value < 1e-6, string.Join(", ", errors));
    }

    [Fact]
    public void Evaluation_gradients_match_finite_differences()
    {
        var rng = new Random(6);
        var layer = new BatchNorm(3);
        layer.Forward(Batch(rng, 6, 3));
        layer.Weight!.Assign(GradientTestKit.RandomAwayFromZero(rng, 1, 3));
        layer.Eval();
        var errors = ModuleGradientCheck.WorstRelativeErrors(layer, Batch(rng, 4, 3), rng);
        errors.Should().OnlyContain(e => e.Value < 1e-6, string.Join(", ", errors));
    }

    /// <summary>2^-52, the spacing of doubles near 1 (not <see cref="double.Epsilon"/>, the smallest subnormal).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    [Fact]
    public void The_gradient_sums_to_zero_over_the_batch()
    {
        // xhat is unchanged when a constant is added to a column, so sum_i dL/dx_ij = 0 for every L: the
        // property the naive gradient (treating mean and variance as constants) violates.
        Gen.Select(Gen.Int[2, 12], Gen.Int[1, 4], Gen.Int).Sample(s =>
        {
            var rng = new Random(s.Item3);
            var x = new Variable(Batch(rng, s.Item1, s.Item2), requiresGrad: true);
            var weights = GradientTestKit.RandomMatrix(rng, s.Item1, s.Item2);
            new BatchNorm(s.Item2, affine: false).Forward(x).PointwiseMultiply(Variable.Constant(weights)).Sum().Backward();
            // Zero up to rounding. dx = (g - mean g - xhat mean(g xhat)) / sigma is a difference of terms of
            // size |w| / sigma, and xhat = (x - mean) / sigma is itself computed from numbers of size |x|, so
            // the rounding left in a column sum is a few eps times n sum|w| (1 + max|x| / sigma) / sigma.
            var columnSums = x.Grad!.ColumnSums();
            for (var j = 0; j < columnSums.Count; j++)
            {
                var column = x.Value.Column(j);
                var sigma = Math.Sqrt(column.Subtract(column.Average()).PointwisePower(2).Average() + 1e-5);
                var scale = weights.Column(j).PointwiseAbs().Sum() * (1 + (column.AbsoluteMaximum() / sigma)) / sigma;
                Math.Abs(columnSums[j]).Should().BeLessThanOrEqualTo(8 * s.Item1 * MachineEpsilon * scale, $"column {j}, seed {s.Item3}");
            }
        }, iter: 50);
    }

    [Fact]
    public void Fused_and_differentiable_backward_rules_agree()
    {
        var rng = new Random(7);
        var x = new Variable(Batch(rng, 9, 4), requiresGrad: true);
        var weights = Variable.Constant(GradientTestKit.RandomMatrix(rng, 9, 4));
        var loss = new BatchNorm(4, affine: false).Forward(x).PointwiseMultiply(weights).Sum();
        var fused = Gradients.Of(loss, x).Value;
        var differentiable = Gradients.Of(loss, x, createGraph: true).Value;
        (fused - differentiable).InfinityNorm().Should().BeLessThan(1e-13);
    }

    [Fact]
    public void Double_backward_matches_finite_differences_of_the_gradient()
    {
        // h(x) = <V, dL/dx> with L = sum(W .* BN(x)); its gradient is the Hessian of L applied to V.
        var rng = new Random(8);
        var x0 = Batch(rng, 5, 3);
        var weights = Variable.Constant(GradientTestKit.RandomMatrix(rng, 5, 3));
        var direction = Variable.Constant(GradientTestKit.RandomMatrix(rng, 5, 3));
        var layer = new BatchNorm(3, affine: false);
        Variable H(Variable x, bool createGraph)
        {
            var loss = layer.Forward(x).PointwiseMultiply(weights).Sum();
            return Gradients.Of(loss, x, createGraph: createGraph).PointwiseMultiply(direction).Sum();
        }

        var input = new Variable(x0.Clone(), requiresGrad: true);
        var analytic = Gradients.Of(H(input, createGraph: true), input).Value;
        var numeric = GradientTestKit.NumericGradient(xs => H(new Variable(xs[0], requiresGrad: true), createGraph: false).Item, [x0], 0);
        GradientTestKit.WorstRelative(analytic, numeric).Should().BeLessThan(1e-6);
    }

    [Fact]
    public void A_single_row_in_training_mode_is_an_error_that_says_why()
    {
        var layer = new BatchNorm(3);
        FluentActions.Invoking(() => layer.Forward(new DenseMatrix(1, 3))).Should().Throw<ArgumentException>()
            .WithMessage("*BatchNorm*at least 2 rows*1x3*Eval()*");
        layer.Eval();
        layer.Forward(new DenseMatrix(1, 3)).Rows.Should().Be(1);
    }

    [Fact]
    public void Bad_shapes_and_hyper_parameters_are_rejected()
    {
        FluentActions.Invoking(() => new BatchNorm(3).Forward(new DenseMatrix(4, 2))).Should().Throw<ArgumentException>()
            .WithMessage("*BatchNorm*4x2*expects 3 features*");
        FluentActions.Invoking(() => new BatchNorm(0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*features = 0*");
        FluentActions.Invoking(() => new BatchNorm(2, momentum: 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*momentum = 1.5*");
        FluentActions.Invoking(() => new BatchNorm(2, epsilon: 0.0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*epsilon = 0*");
    }

    [Fact]
    public void State_holds_parameters_and_running_statistics_under_PyTorch_names()
    {
        new BatchNorm(2).StateDict().Select(kv => kv.Key).Should().Equal("weight", "bias", "running_mean", "running_var");
        var plain = new BatchNorm(2, affine: false);
        plain.Parameters().Should().BeEmpty();
        plain.StateDict().Select(kv => kv.Key).Should().Equal("running_mean", "running_var");
    }
}
