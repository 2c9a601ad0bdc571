using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Regularization;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.Regularization;

public sealed class DropoutTests
{
    // Bounds are 5 standard deviations of the exact sampling distribution: a correct implementation fails such a
    // bound with probability below 1e-6 (and the seeds are fixed, so the tests are deterministic anyway).
    private const double Sigmas = 5.0;

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void Fraction_of_zeros_is_within_binomial_bounds_of_p(double p)
    {
        var (rows, columns) = (200, 500);
        var x = DenseMatrix.Create(rows, columns, 1.0);
        var y = new Dropout(p, new Random(11)).Forward(x).Value;

        // The number of zeros K ~ Binomial(n, p): mean n p, standard deviation sqrt(n p (1 - p)).
        var n = rows * columns;
        var zeros = y.Enumerate().Count(v => v == 0.0);
        Math.Abs(zeros - n * p).Should().BeLessThan(Sigmas * Math.Sqrt(n * p * (1 - p)));
        y.Enumerate().Where(v => v != 0.0).Should().OnlyContain(v => v == 1.0 / (1.0 - p), "survivors are scaled by exactly 1/(1-p)");
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public void Mean_is_preserved_within_the_sampling_error(double p)
    {
        var rng = new Random(3);
        var x = GradientTestKit.RandomMatrix(rng, 300, 300, -1.0, 3.0);
        var y = new Dropout(p, new Random(4)).Forward(x).Value;

        // E[y_i] = x_i and Var(y_i) = x_i^2 p / (1 - p), independently: the mean of y has standard deviation
        // sqrt(sum_i x_i^2 p / (1 - p)) / n about the mean of x.
        var n = x.RowCount * x.ColumnCount;
        var std = Math.Sqrt(x.Enumerate().Sum(v => v * v) * p / (1 - p)) / n;
        var meanX = x.Enumerate().Average();
        Math.Abs(y.Enumerate().Average() - meanX).Should().BeLessThan(Sigmas * std);
        meanX.Should().BeGreaterThan(20 * Sigmas * std, "the check must be able to tell a lost scale factor");
    }

    [Fact]
    public void Evaluation_mode_is_exactly_the_identity()
    {
        var dropout = new Dropout(0.5, new Random(1));
        dropout.Eval();
        var x = new Variable(GradientTestKit.RandomMatrix(new Random(2), 7, 9), requiresGrad: true);
        dropout.Forward(x).Should().BeSameAs(x);
        dropout.Train();
        dropout.Forward(x).Value.Equals(x.Value).Should().BeFalse();
    }

    [Fact]
    public void P_zero_is_the_identity_in_training()
    {
        var x = Variable.Constant(GradientTestKit.RandomMatrix(new Random(2), 5, 4));
        new Dropout(0.0, new Random(1)).Forward(x).Should().BeSameAs(x);
    }

    [Fact]
    public void Same_seed_gives_the_same_mask_and_another_seed_another()
    {
        var x = DenseMatrix.Create(20, 30, 1.0);
        var a = new Dropout(0.3, new Random(42)).Forward(x).Value;
        var b = new Dropout(0.3, new Random(42)).Forward(x).Value;
        var c = new Dropout(0.3, new Random(43)).Forward(x).Value;
        a.Equals(b).Should().BeTrue();
        a.Equals(c).Should().BeFalse();
    }

    [Fact]
    public void Successive_calls_draw_fresh_masks()
    {
        var dropout = new Dropout(0.5, new Random(5));
        var x = DenseMatrix.Create(10, 10, 1.0);
        dropout.Forward(x).Value.Equals(dropout.Forward(x).Value).Should().BeFalse();
    }

    [Fact]
    public void Gradient_is_the_same_scaled_mask()
    {
        // y = x .* m / (1 - p), so dy/dx = m / (1 - p); with x = 1 that is y itself.
        var x = new Variable(DenseMatrix.Create(6, 8, 1.0), requiresGrad: true);
        var y = new Dropout(0.4, new Random(9)).Forward(x);
        y.Sum().Backward();
        x.Grad!.Equals(y.Value).Should().BeTrue();
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void P_outside_zero_one_is_rejected_with_its_value(double p)
    {
        FluentActions.Invoking(() => new Dropout(p, new Random(0))).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*Dropout: p = *must be in*0, 1)*");
    }
}
