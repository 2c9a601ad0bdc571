using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.LinearAlgebra;

/// <summary>
/// Checks an analytic (hand-derived or automatic) gradient against central finite differences, the
/// standard test that a backward pass is right.
/// </summary>
/// <remarks>
/// <para>
/// <b>Error measure.</b> Entry by entry, <c>err_i = |a_i - n_i| / max(|a_i|, |n_i|, 1)</c>, where a is
/// the analytic and n the numeric gradient; the result reports the largest. For entries of magnitude
/// above 1 this is the relative error, which is what matters for large gradients and is independent of
/// the units of f. The floor of 1 turns it into the absolute error for small entries: a pure relative
/// error <c>|a - n| / max(|a|, |n|)</c> is close to 1 whenever the true derivative is 0 (a = 0 exactly,
/// n = 1e-11 of finite-difference noise) and would fail correct code; the floor avoids that. The cost
/// is that an error in an entry much smaller than 1 is measured absolutely, so scale the problem so that
/// gradients of interest are not tiny. Stanford CS231n's notes on gradient checks use
/// <c>|a - n| / max(|a|, |n|)</c> and warn about its behaviour near zero; the floor is the fix used here.
/// </para>
/// <para>The numeric gradient is <see cref="FiniteDifferences.Gradient(Func{Vector{double}, double}, Vector{double}, double?)"/>
/// with the same optional step.</para>
/// </remarks>
public static class GradientCheck
{
    /// <summary>
    /// Compares <paramref name="analyticGradient"/> with the central-difference gradient of
    /// <paramref name="f"/> at <paramref name="x"/>.
    /// </summary>
    /// <param name="f">The function R^n -&gt; R whose gradient is checked.</param>
    /// <param name="x">The point (finite entries, length n &gt;= 1).</param>
    /// <param name="analyticGradient">The gradient to check, length n.</param>
    /// <param name="step">An absolute finite-difference step; null chooses <c>eps^(1/3) max(|x_i|, 1)</c>.</param>
    /// <returns>The worst entry, its values and the numeric gradient.</returns>
    /// <exception cref="ArgumentException">The lengths differ, x is empty or not finite, or step is invalid.</exception>
    /// <exception cref="InvalidOperationException">f returned NaN or infinity near x.</exception>
    public static GradientCheckResult Compare(
        Func<Vector<double>, double> f, Vector<double> x, Vector<double> analyticGradient, double? step = null)
    {
        ArgumentChecks.NotNull(x, nameof(Compare), nameof(x));
        ArgumentChecks.NotNull(analyticGradient, nameof(Compare), nameof(analyticGradient));
        if (analyticGradient.Count != x.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"GradientCheck: analytic gradient has length {analyticGradient.Count} but x has length {x.Count}"),
                nameof(analyticGradient));
        }

        Vector<double> numeric = FiniteDifferences.Gradient(f, x, step);
        int worst = WorstEntry(analyticGradient, numeric, out double worstError);
        return new GradientCheckResult(worstError, worst, null, null, analyticGradient[worst], numeric[worst], numeric);
    }

    /// <summary>
    /// Compares the analytic gradient of a scalar function of a matrix with its central-difference
    /// gradient; the worst entry is reported by row and column.
    /// </summary>
    /// <param name="f">The function R^(r x c) -&gt; R whose gradient is checked.</param>
    /// <param name="x">The point (finite entries, at least one).</param>
    /// <param name="analyticGradient">The gradient to check, with the shape of <paramref name="x"/>.</param>
    /// <param name="step">An absolute finite-difference step; null chooses <c>eps^(1/3) max(|x_rc|, 1)</c>.</param>
    /// <returns>The worst entry (with <see cref="GradientCheckResult.Row"/> and <see cref="GradientCheckResult.Column"/>),
    /// its values and the numeric gradient in column-major order.</returns>
    /// <exception cref="ArgumentException">The shapes differ, x is empty or not finite, or step is invalid.</exception>
    /// <exception cref="InvalidOperationException">f returned NaN or infinity near x.</exception>
    public static GradientCheckResult Compare(
        Func<Matrix<double>, double> f, Matrix<double> x, Matrix<double> analyticGradient, double? step = null)
    {
        ArgumentChecks.NotNull(x, nameof(Compare), nameof(x));
        ArgumentChecks.NotNull(analyticGradient, nameof(Compare), nameof(analyticGradient));
        if (analyticGradient.RowCount != x.RowCount || analyticGradient.ColumnCount != x.ColumnCount)
        {
            throw new ArgumentException(
                $"GradientCheck: analytic gradient is {ArgumentChecks.Shape(analyticGradient)} but x is {ArgumentChecks.Shape(x)}",
                nameof(analyticGradient));
        }

        Matrix<double> numericMatrix = FiniteDifferences.Gradient(f, x, step);
        Vector<double> numeric = Vector<double>.Build.Dense(numericMatrix.ToColumnMajorArray());
        Vector<double> analytic = Vector<double>.Build.Dense(analyticGradient.ToColumnMajorArray());
        int worst = WorstEntry(analytic, numeric, out double worstError);
        int row = worst % x.RowCount;
        int column = worst / x.RowCount;
        return new GradientCheckResult(worstError, worst, row, column, analytic[worst], numeric[worst], numeric);
    }

    /// <summary>The relative error of one entry, <c>|a - n| / max(|a|, |n|, 1)</c> (NaN if a is not finite).</summary>
    /// <param name="analytic">The analytic value a.</param>
    /// <param name="numeric">The numeric value n.</param>
    /// <returns>The error as defined in the type's remarks.</returns>
    public static double RelativeError(double analytic, double numeric)
    {
        if (!double.IsFinite(analytic) || !double.IsFinite(numeric))
        {
            return double.NaN;
        }

        return Math.Abs(analytic - numeric) / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), 1.0);
    }

    /// <summary>The index of the largest error; a NaN error counts as larger than any number.</summary>
    private static int WorstEntry(Vector<double> analytic, Vector<double> numeric, out double worstError)
    {
        int worst = 0;
        worstError = RelativeError(analytic[0], numeric[0]);
        for (int i = 1; i < analytic.Count && !double.IsNaN(worstError); i++)
        {
            double error = RelativeError(analytic[i], numeric[i]);
            if (double.IsNaN(error) || error > worstError)
            {
                (worst, worstError) = (i, error);
            }
        }

        return worst;
    }
}
