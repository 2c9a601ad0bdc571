using System.Globalization;
using MlMath.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

/// <summary>
/// The vectorised exp, expm1, tanh and sigmoid against independent truth: the C library's exp and tanh
/// (through <see cref="Math"/>, correctly rounded or within one unit in the last place), and for e^x - 1
/// near zero a Taylor series summed in 28-digit <see cref="decimal"/> arithmetic. (.NET's own
/// <c>double.ExpM1</c> is not a reference: it computes e^x - 1 naively and loses every digit for tiny x.)
/// </summary>
public sealed class VectorMathTests
{
    private delegate void SpanFunction(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>Largest relative error of f against truth over the points (absolute below the smallest normal number).</summary>
    private static double WorstRelativeError(SpanFunction f, Func<double, double> truth, double[] points)
    {
        var y = new double[points.Length];
        f(points, y);
        double worst = 0;
        for (int i = 0; i < points.Length; i++)
        {
            double expected = truth(points[i]);
            double error = Math.Abs(y[i] - expected) / Math.Max(Math.Abs(expected), double.Epsilon * 4.0e15);
            worst = Math.Max(worst, error);
        }

        return worst;
    }

    private static double[] Uniform(int count, double low, double high, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => low + ((high - low) * random.NextDouble())).ToArray();
    }

    /// <summary>Points of both signs whose magnitudes are spread evenly on a log scale from 10^lowExponent to 10^highExponent.</summary>
    private static double[] LogSpread(int count, double lowExponent, double highExponent, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, lowExponent + ((highExponent - lowExponent) * random.NextDouble())))
            .ToArray();
    }

    /// <summary>e^x - 1 for 1e-12 &lt;= |x| &lt; 1 by its Taylor series in decimal arithmetic (28 significant digits).</summary>
    private static double ExpM1Reference(double x)
    {
        if (Math.Abs(x) >= 1)
        {
            return Math.Exp(x) - 1; // e^x - 1 is at least 0.63 in magnitude here: no cancellation to speak of
        }

        if (Math.Abs(x) < 1e-12)
        {
            return x + (0.5 * x * x); // the next term, x^3/6, is below 1e-24 of x: far beneath double precision
        }

        // (decimal)x would keep only 15 significant digits; parsing the round-trip string keeps all 17.
        decimal z = decimal.Parse(x.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        decimal term = z, sum = z;
        for (int n = 2; n < 40 && term != 0; n++)
        {
            term = term * z / n;
            sum += term;
        }

        return (double)sum;
    }

    private static double SigmoidReference(double x) =>
        x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));

    [Fact]
    public void Exp_matches_the_C_library_across_the_whole_range()
    {
        WorstRelativeError(VectorMath.Exp, Math.Exp, Uniform(200_000, -2, 2, 1)).Should().BeLessThan(5e-16);
        WorstRelativeError(VectorMath.Exp, Math.Exp, Uniform(200_000, -708, 709, 2)).Should().BeLessThan(2e-15);
    }

    [Fact]
    public void Exp_computes_subnormal_results_instead_of_flushing_them()
    {
        // e^-740 = 4.2e-322 is subnormal: representable only to a few bits, so compare absolutely.
        var x = Uniform(10_000, -745, -708, 3);
        var y = new double[x.Length];
        VectorMath.Exp(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            Math.Abs(y[i] - Math.Exp(x[i])).Should().BeLessThanOrEqualTo(Math.Exp(x[i]) * 1e-15 + double.Epsilon);
        }
    }

    [Fact]
    public void ExpM1_keeps_full_relative_accuracy_for_tiny_arguments()
    {
        WorstRelativeError(VectorMath.ExpM1, ExpM1Reference, LogSpread(100_000, -300, 0, 4)).Should().BeLessThan(5e-16);
        WorstRelativeError(VectorMath.ExpM1, ExpM1Reference, Uniform(100_000, -50, 50, 5)).Should().BeLessThan(2e-15);

        // The naive formula really does fail there, so the comparison means something.
        (Math.Exp(1e-10) - 1 - ExpM1Reference(1e-10)).Should().NotBe(0);
    }

    [Fact]
    public void Tanh_matches_the_C_library_for_small_and_large_arguments()
    {
        WorstRelativeError(VectorMath.Tanh, Math.Tanh, Uniform(200_000, -25, 25, 6)).Should().BeLessThan(1e-15);
        WorstRelativeError(VectorMath.Tanh, Math.Tanh, LogSpread(100_000, -300, 1, 7)).Should().BeLessThan(1e-15);
    }

    [Fact]
    public void Sigmoid_matches_the_formula_and_keeps_tiny_values_for_very_negative_arguments()
    {
        WorstRelativeError(VectorMath.Sigmoid, SigmoidReference, Uniform(200_000, -40, 40, 8)).Should().BeLessThan(1e-15);
        WorstRelativeError(VectorMath.Sigmoid, SigmoidReference, Uniform(100_000, -700, 700, 9)).Should().BeLessThan(1e-15);
    }

    [Fact]
    public void Special_values_follow_Math()
    {
        double[] x = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1000, -1000];
        var y = new double[x.Length];

        VectorMath.Exp(x, y);
        y.Should().Equal(double.NaN, double.PositiveInfinity, 0.0, 1.0, 1.0, double.PositiveInfinity, 0.0);

        VectorMath.ExpM1(x, y);
        y.Should().Equal(double.NaN, double.PositiveInfinity, -1.0, 0.0, 0.0, double.PositiveInfinity, -1.0);

        VectorMath.Tanh(x, y);
        y.Should().Equal(double.NaN, 1.0, -1.0, 0.0, 0.0, 1.0, -1.0);
        double.IsNegative(y[4]).Should().BeTrue("tanh(-0) is -0, as Math.Tanh gives");
        double.IsNegative(y[3]).Should().BeFalse();

        VectorMath.Sigmoid(x, y);
        y.Should().Equal(double.NaN, 1.0, 0.0, 0.5, 0.5, 1.0, 0.0);
    }

    [Fact]
    public void Every_span_length_gives_the_same_values_as_a_long_span()
    {
        // The tail of a span (fewer than 8 elements) goes through the same vector code, padded: so the value
        // of an element never depends on where it sits.
        var all = Uniform(64, -5, 5, 10);
        var reference = new double[all.Length];
        VectorMath.Tanh(all, reference);
        for (int length = 0; length <= 17; length++)
        {
            var part = new double[length];
            VectorMath.Tanh(all.AsSpan(0, length), part);
            part.Should().Equal(reference.Take(length));
        }
    }

    [Fact]
    public void Spans_of_different_lengths_are_rejected()
    {
        var act = () => VectorMath.Exp(new double[3], new double[4]);
        act.Should().Throw<ArgumentException>().WithMessage("*3 elements*4*");
    }
}
