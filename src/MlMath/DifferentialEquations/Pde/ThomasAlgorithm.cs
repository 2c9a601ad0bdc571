using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// Solves a tridiagonal system a_i x_{i-1} + b_i x_i + c_i x_{i+1} = d_i, i = 0..n-1 (a_0 and c_{n-1} unused), in
/// O(n) operations by Gaussian elimination without pivoting: the Thomas algorithm (Thomas 1949; Morton &amp; Mayers,
/// <i>Numerical Solution of Partial Differential Equations</i>, 2nd ed., 2005, section 2.9).
/// </summary>
/// <remarks>
/// Forward sweep: c'_0 = c_0 / b_0, d'_0 = d_0 / b_0, and for i = 1..n-1 with m_i = b_i - a_i c'_{i-1}:
/// c'_i = c_i / m_i, d'_i = (d_i - a_i d'_{i-1}) / m_i. Back substitution: x_{n-1} = d'_{n-1},
/// x_i = d'_i - c'_i x_{i+1}. Without pivoting it is stable when the matrix is diagonally dominant,
/// |b_i| &gt;= |a_i| + |c_i| (strictly in at least one row), which the implicit heat and Black-Scholes matrices are:
/// then every |c'_i| &lt;= 1 and no error grows in the back substitution.
/// </remarks>
public static class ThomasAlgorithm
{
    /// <summary>Solves the system into <paramref name="solution"/> (which may alias <paramref name="rhs"/>).</summary>
    /// <param name="lower">a: a_i multiplies x_{i-1} in row i; a_0 is ignored.</param>
    /// <param name="diagonal">b.</param>
    /// <param name="upper">c: c_i multiplies x_{i+1} in row i; c_{n-1} is ignored.</param>
    /// <param name="rhs">d.</param>
    /// <param name="solution">x, length n.</param>
    /// <exception cref="ArgumentException">The lengths differ or n = 0.</exception>
    /// <exception cref="InvalidOperationException">A pivot m_i is zero or not finite (the matrix is singular or far from
    /// diagonally dominant, so elimination without pivoting fails).</exception>
    public static void Solve(ReadOnlySpan<double> lower, ReadOnlySpan<double> diagonal, ReadOnlySpan<double> upper,
        ReadOnlySpan<double> rhs, Span<double> solution)
    {
        var n = diagonal.Length;
        if (n == 0 || lower.Length != n || upper.Length != n || rhs.Length != n || solution.Length != n)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"ThomasAlgorithm.Solve: lengths lower {lower.Length}, diagonal {n}, upper {upper.Length}, rhs {rhs.Length}, solution {solution.Length} must all be equal and > 0."), nameof(diagonal));
        }

        var cPrime = n <= 256 ? stackalloc double[n] : new double[n];
        var dPrime = n <= 256 ? stackalloc double[n] : new double[n];
        var m = diagonal[0];
        for (var i = 0; i < n; i++)
        {
            if (i > 0) m = diagonal[i] - lower[i] * cPrime[i - 1];
            if (m == 0 || !double.IsFinite(m))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"ThomasAlgorithm.Solve: pivot {m} at row {i}; elimination without pivoting needs a diagonally dominant matrix (|b_i| >= |a_i| + |c_i|)."));
            }

            cPrime[i] = i + 1 < n ? upper[i] / m : 0.0;
            dPrime[i] = (rhs[i] - (i > 0 ? lower[i] * dPrime[i - 1] : 0.0)) / m;
        }

        solution[n - 1] = dPrime[n - 1];
        for (var i = n - 2; i >= 0; i--) solution[i] = dPrime[i] - cPrime[i] * solution[i + 1];
    }

    /// <summary>Solves the system and returns x as a new array; see <see cref="Solve(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>.</summary>
    public static double[] Solve(double[] lower, double[] diagonal, double[] upper, double[] rhs)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(diagonal);
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(rhs);
        var x = new double[diagonal.Length];
        Solve(lower, diagonal, upper, rhs, x);
        return x;
    }
}
