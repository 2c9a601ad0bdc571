using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.LinearAlgebra;

/// <summary>
/// The outcome of comparing an analytic gradient with a central finite-difference one
/// (<see cref="GradientCheck"/>): where they disagree most and by how much.
/// </summary>
/// <param name="MaxRelativeError">The worst entry's error <c>|a - n| / max(|a|, |n|, 1)</c>; NaN if some
/// analytic entry is NaN or infinite (such an entry is always reported as the worst).</param>
/// <param name="Index">The entry where the worst error occurred; for a matrix, its column-major linear
/// index <c>Row + Column * rows</c>.</param>
/// <param name="Row">For a matrix gradient, the row of the worst entry; null for a vector gradient.</param>
/// <param name="Column">For a matrix gradient, the column of the worst entry; null for a vector gradient.</param>
/// <param name="AnalyticValue">The analytic gradient at the worst entry.</param>
/// <param name="NumericValue">The finite-difference gradient at the worst entry.</param>
/// <param name="NumericGradient">The whole finite-difference gradient (for a matrix, flattened in
/// column-major order, like <c>Matrix.ToColumnMajorArray()</c>).</param>
public sealed record GradientCheckResult(
    double MaxRelativeError,
    int Index,
    int? Row,
    int? Column,
    double AnalyticValue,
    double NumericValue,
    Vector<double> NumericGradient)
{
    /// <summary>
    /// True when <see cref="MaxRelativeError"/> is at most <paramref name="tolerance"/> (and not NaN).
    /// </summary>
    /// <remarks>Central differences with the default step are accurate to about <c>eps^(2/3) ~ 4e-11</c>
    /// relative for smooth, well-scaled functions, so tolerances of 1e-6 to 1e-8 separate a correct
    /// gradient from a wrong one with a wide margin.</remarks>
    /// <param name="tolerance">The largest acceptable relative error, finite and &gt;= 0.</param>
    /// <returns>Whether the analytic gradient agrees with the numeric one to the tolerance.</returns>
    /// <exception cref="ArgumentOutOfRangeException">tolerance is negative, NaN or infinite.</exception>
    public bool Passed(double tolerance)
    {
        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance,
                $"GradientCheckResult.Passed: tolerance must be finite and >= 0 but is {ArgumentChecks.Format(tolerance)}");
        }

        return MaxRelativeError <= tolerance;
    }

    /// <summary>A one-line summary naming the worst entry and both values there.</summary>
    /// <returns>For example "worst relative error 0.5 at index 2: analytic 3, numeric 2".</returns>
    public override string ToString()
    {
        string where = Row is { } r && Column is { } c
            ? string.Create(CultureInfo.InvariantCulture, $"({r}, {c})")
            : string.Create(CultureInfo.InvariantCulture, $"index {Index}");
        return $"worst relative error {ArgumentChecks.Format(MaxRelativeError)} at {where}: " +
               $"analytic {ArgumentChecks.Format(AnalyticValue)}, numeric {ArgumentChecks.Format(NumericValue)}";
    }
}
