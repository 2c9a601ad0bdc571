using MathNet.Numerics.LinearAlgebra;

namespace MlMath.LinearAlgebra;

/// <summary>Condition numbers: how much a matrix can amplify relative errors in the data.</summary>
public static class Conditioning
{
    /// <summary>
    /// The 2-norm condition number <c>kappa(A) = sigma_max / sigma_min</c>, the ratio of the largest to the
    /// smallest of the min(m, n) singular values of an m x n matrix A.
    /// </summary>
    /// <remarks>
    /// Solving a system or least-squares problem with A can lose about <c>log10(kappa)</c> decimal digits
    /// (Trefethen and Bau, Numerical Linear Algebra, Lectures 12 and 18; Golub and Van Loan, Matrix
    /// Computations, 4th ed., sec. 2.6 and 5.3). Computed from the singular values alone (no singular
    /// vectors), which is O(m n min(m, n)). Returns +infinity when sigma_min is 0 (A is singular or rank
    /// deficient) and NaN for the zero matrix.
    /// </remarks>
    /// <param name="a">Any non-empty matrix with finite entries.</param>
    /// <returns>kappa(A) &gt;= 1, +infinity if A is rank deficient, NaN if A is zero.</returns>
    /// <exception cref="ArgumentException">A is empty or has a NaN or infinite entry.</exception>
    public static double ConditionNumber(Matrix<double> a)
    {
        ArgumentChecks.NotNull(a, nameof(ConditionNumber), nameof(a));
        if (a.RowCount == 0 || a.ColumnCount == 0)
        {
            throw new ArgumentException($"ConditionNumber: a is {ArgumentChecks.Shape(a)}; it needs at least one row and one column", nameof(a));
        }

        ArgumentChecks.AllFinite(a, nameof(ConditionNumber), nameof(a));
        return FromSingularValues(a.Svd(computeVectors: false).S);
    }

    /// <summary>sigma_max / sigma_min from the singular values (any order).</summary>
    internal static double FromSingularValues(Vector<double> singularValues)
    {
        double max = singularValues.Maximum();
        double min = singularValues.Minimum();
        if (max == 0)
        {
            return double.NaN;
        }

        return min == 0 ? double.PositiveInfinity : max / min;
    }
}
