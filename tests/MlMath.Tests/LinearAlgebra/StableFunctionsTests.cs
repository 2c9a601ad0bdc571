using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using MlMath.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

public sealed class StableFunctionsTests
{
    private static Vector<double> V(params double[] values) => Vector<double>.Build.Dense(values);

    private static Matrix<double> M(double[,] values) => Matrix<double>.Build.DenseOfArray(values);

    // Reference: softmax([1, 2, 3]) and log(e + e^2 + e^3), computed with Python 3's decimal module at
    // 40 significant digits (exp/ln of Decimal), independent of this library.
    private static readonly double[] SoftmaxOf123 = [0.09003057317038045799802210148, 0.2447284710547976524729596183, 0.6652409557748218895290182802];
    private const double LogSumExpOf123 = 3.407605964444380304482919904545;

    [Fact]
    public void LogSumExp_of_known_vector_matches_high_precision_value()
    {
        StableFunctions.LogSumExp(V(1, 2, 3)).Should().BeApproximately(LogSumExpOf123, 1e-15);
    }

    [Fact]
    public void LogSumExp_of_huge_equal_entries_does_not_overflow()
    {
        // Closed form: log(2 e^1000) = 1000 + ln 2; the naive sum is exp(1000) = +infinity.
        StableFunctions.LogSumExp(V(1000, 1000)).Should().BeApproximately(1000 + Math.Log(2), 1e-12);
        // And the naive formula really does overflow, so the test means something.
        Math.Log(Math.Exp(1000) + Math.Exp(1000)).Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void LogSumExp_of_very_negative_entries_does_not_underflow()
    {
        // Closed form: log(2 e^-1000) = -1000 + ln 2; the naive sum underflows to log(0) = -infinity.
        StableFunctions.LogSumExp(V(-1000, -1000)).Should().BeApproximately(-1000 + Math.Log(2), 1e-12);
    }

    [Fact]
    public void LogSumExp_handles_infinities_and_nan()
    {
        StableFunctions.LogSumExp(V(double.NegativeInfinity, 0)).Should().Be(0);
        StableFunctions.LogSumExp(V(double.NegativeInfinity, double.NegativeInfinity)).Should().Be(double.NegativeInfinity);
        StableFunctions.LogSumExp(V(double.PositiveInfinity, 0)).Should().Be(double.PositiveInfinity);
        StableFunctions.LogSumExp(V(1, double.NaN, 2)).Should().Be(double.NaN);
    }

    [Fact]
    public void LogSumExpRows_computes_each_row_with_its_own_shift()
    {
        var x = M(new double[,] { { 1, 2, 3 }, { 1000, 1000, double.NegativeInfinity }, { double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity } });
        Vector<double> lse = StableFunctions.LogSumExpRows(x);
        lse[0].Should().BeApproximately(LogSumExpOf123, 1e-15);
        lse[1].Should().BeApproximately(1000 + Math.Log(2), 1e-12);
        lse[2].Should().Be(double.NegativeInfinity);
    }

    [Fact]
    public void Softmax_of_known_vector_matches_high_precision_values()
    {
        Vector<double> p = StableFunctions.Softmax(V(1, 2, 3));
        for (int i = 0; i < 3; i++)
        {
            // A few ulps: the result is exp(x_i - m) / sum, three rounded operations.
            p[i].Should().BeApproximately(SoftmaxOf123[i], 4e-16 * SoftmaxOf123[i]);
        }
    }

    [Fact]
    public void Softmax_is_shift_invariant_for_huge_scores()
    {
        // softmax(x + c) = softmax(x): [1001, 1002, 1003] and [-999, -998, -997] give softmax([1, 2, 3]).
        Vector<double> high = StableFunctions.Softmax(V(1001, 1002, 1003));
        Vector<double> low = StableFunctions.Softmax(V(-999, -998, -997));
        for (int i = 0; i < 3; i++)
        {
            high[i].Should().BeApproximately(SoftmaxOf123[i], 1e-15);
            low[i].Should().BeApproximately(SoftmaxOf123[i], 1e-15);
        }
    }

    [Fact]
    public void Softmax_treats_minus_infinity_as_probability_zero()
    {
        StableFunctions.Softmax(V(double.NegativeInfinity, 0)).ToArray().Should().Equal(0.0, 1.0);
    }

    [Fact]
    public void Softmax_splits_mass_among_plus_infinity_entries()
    {
        StableFunctions.Softmax(V(double.PositiveInfinity, 3, double.PositiveInfinity)).ToArray().Should().Equal(0.5, 0.0, 0.5);
    }

    [Fact]
    public void Softmax_of_nan_is_nan()
    {
        StableFunctions.Softmax(V(0, double.NaN)).ToArray().Should().OnlyContain(v => double.IsNaN(v));
    }

    [Fact]
    public void Softmax_of_all_minus_infinity_throws_naming_the_row()
    {
        Action vector = () => StableFunctions.Softmax(V(double.NegativeInfinity, double.NegativeInfinity));
        vector.Should().Throw<ArgumentException>().WithMessage("Softmax: x is entirely -infinity*");

        var x = M(new double[,] { { 0, 1 }, { double.NegativeInfinity, double.NegativeInfinity } });
        Action rows = () => StableFunctions.SoftmaxRows(x);
        rows.Should().Throw<ArgumentException>().WithMessage("SoftmaxRows: row 1 of x is entirely -infinity*");
        Action logRows = () => StableFunctions.LogSoftmaxRows(x);
        logRows.Should().Throw<ArgumentException>().WithMessage("LogSoftmaxRows: row 1 of x is entirely -infinity*");
    }

    [Fact]
    public void Empty_inputs_are_rejected_with_the_shape()
    {
        Action vector = () => StableFunctions.LogSumExp(Vector<double>.Build.Dense(0));
        vector.Should().Throw<ArgumentException>().WithMessage("LogSumExp: x is empty (length 0)*");
        Action matrix = () => StableFunctions.SoftmaxRows(Matrix<double>.Build.Dense(2, 0));
        matrix.Should().Throw<ArgumentException>().WithMessage("SoftmaxRows: x is 2x0*");
    }

    [Fact]
    public void SoftmaxRows_matches_vector_softmax_row_by_row()
    {
        var x = M(new double[,] { { 1, 2, 3 }, { 1001, 1002, 1003 } });
        Matrix<double> p = StableFunctions.SoftmaxRows(x);
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                p[i, j].Should().BeApproximately(SoftmaxOf123[j], 1e-15);
            }
        }
    }

    [Fact]
    public void SoftmaxRows_rows_sum_to_one_and_are_in_range_for_random_matrices()
    {
        // Property: for any finite scores (here up to +-800, where the naive exp overflows), every row of
        // softmax is in [0, 1] and sums to 1 within a few ulps per entry; the input is not modified.
        Gen<double[,]> matrices =
            from rows in Gen.Int[1, 6]
            from columns in Gen.Int[1, 12]
            from values in Gen.Double[-800, 800].Array[rows * columns]
            select To2D(values, rows, columns);

        matrices.Sample(values =>
        {
            var x = M(values);
            var before = x.Clone();
            Matrix<double> p = StableFunctions.SoftmaxRows(x);
            x.Should().BeEquivalentTo(before);
            for (int i = 0; i < p.RowCount; i++)
            {
                p.Row(i).Sum().Should().BeApproximately(1.0, 1e-14);
                p.Row(i).ToArray().Should().OnlyContain(v => v >= 0 && v <= 1);
            }
        }, iter: 500);
    }

    [Fact]
    public void LogSoftmaxRows_exponentiates_to_softmax_and_keeps_tiny_probabilities()
    {
        var x = M(new double[,] { { 1, 2, 3 }, { 0, -1000, 0 } });
        Matrix<double> logP = StableFunctions.LogSoftmaxRows(x);
        for (int j = 0; j < 3; j++)
        {
            logP[0, j].Should().BeApproximately(Math.Log(SoftmaxOf123[j]), 1e-15);
        }

        // Closed form: row [0, -1000, 0] has LSE = ln 2 (e^-1000 vanishes next to 2), so the middle
        // log-probability is -1000 - ln 2, while log(softmax) would give log(0) = -infinity.
        logP[1, 0].Should().BeApproximately(-Math.Log(2), 1e-15);
        logP[1, 1].Should().BeApproximately(-1000 - Math.Log(2), 1e-12);
        StableFunctions.SoftmaxRows(x)[1, 1].Should().Be(0);
    }

    [Fact]
    public void LogSoftmaxRows_handles_infinities()
    {
        var x = M(new double[,] { { double.NegativeInfinity, 0 }, { double.PositiveInfinity, double.PositiveInfinity } });
        Matrix<double> logP = StableFunctions.LogSoftmaxRows(x);
        logP.Row(0).ToArray().Should().Equal(double.NegativeInfinity, 0.0);
        logP[1, 0].Should().BeApproximately(-Math.Log(2), 1e-15);
        logP[1, 1].Should().BeApproximately(-Math.Log(2), 1e-15);
    }

    [Theory]
    // References: Python 3 decimal, 40 digits, 1 / (1 + exp(-x)); sigmoid(0) = 1/2 exactly.
    [InlineData(0.0, 0.5)]
    [InlineData(30.0, 0.9999999999999064237703116070)]
    [InlineData(-30.0, 9.357622968839298953839562653e-14)]
    [InlineData(-700.0, 9.859676543759770856705372948e-305)]
    public void Sigmoid_matches_high_precision_values_to_full_relative_accuracy(double x, double expected)
    {
        StableFunctions.Sigmoid(x).Should().BeApproximately(expected, 4e-16 * expected);
    }

    [Fact]
    public void Sigmoid_is_finite_and_saturates_for_huge_arguments()
    {
        // The true sigmoid(-800) is about 3.7e-348, below the smallest subnormal double (4.9e-324), so
        // the correctly rounded result is +0: what matters is that it is not NaN (the naive
        // exp(x) / (1 + exp(x)) is NaN at +800). Near the subnormal limit it is still positive.
        StableFunctions.Sigmoid(-800).Should().Be(0.0);
        StableFunctions.Sigmoid(-740).Should().BeGreaterThan(0.0);
        StableFunctions.Sigmoid(800).Should().Be(1.0);
        double naive = Math.Exp(800) / (1 + Math.Exp(800));
        double.IsNaN(naive).Should().BeTrue();
        StableFunctions.Sigmoid(double.NegativeInfinity).Should().Be(0.0);
        StableFunctions.Sigmoid(double.PositiveInfinity).Should().Be(1.0);
        double.IsNaN(StableFunctions.Sigmoid(double.NaN)).Should().BeTrue();
    }

    [Fact]
    public void Sigmoid_is_symmetric()
    {
        // Identity: sigma(-x) = 1 - sigma(x).
        foreach (double x in new[] { 0.1, 1.0, 2.5, 7.0, 20.0 })
        {
            (StableFunctions.Sigmoid(-x) + StableFunctions.Sigmoid(x)).Should().BeApproximately(1.0, 1e-15);
        }
    }

    [Fact]
    public void Sigmoid_matrix_is_elementwise()
    {
        var x = M(new double[,] { { -800, 0 }, { 30, -30 } });
        Matrix<double> s = StableFunctions.Sigmoid(x);
        s.RowCount.Should().Be(2);
        s.ColumnCount.Should().Be(2);
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                s[i, j].Should().Be(StableFunctions.Sigmoid(x[i, j]));
            }
        }

        s[0, 1].Should().Be(0.5);
    }

    private static double[,] To2D(double[] values, int rows, int columns)
    {
        var result = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                result[i, j] = values[i * columns + j];
            }
        }

        return result;
    }
}
