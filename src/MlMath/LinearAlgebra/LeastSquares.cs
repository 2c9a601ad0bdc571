using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MlMath.LinearAlgebra;

/// <summary>
/// Linear least squares, <c>min_x ||A x - b||_2</c> for an m x n matrix A, solved three ways so that their
/// accuracy can be compared: normal equations, Householder QR and the SVD.
/// </summary>
/// <remarks>
/// <para>
/// <b>Why QR and SVD win.</b> The normal equations <c>A^T A x = A^T b</c> are the fastest route
/// (about <c>m n^2</c> flops, then an n x n Cholesky), but forming A^T A squares the condition number:
/// <c>cond(A^T A) = cond(A)^2</c>. A backward-stable solver for them therefore has a forward error of
/// about <c>cond(A)^2 eps</c> whatever b is, and with cond(A) near 1e8 nothing is left. Householder QR and
/// the SVD work on A itself and are backward stable for the least-squares problem; their forward error
/// is about <c>(cond(A) + cond(A)^2 tan(theta) / eta) eps</c>, where theta is the angle between b and
/// range(A). When the fit is good (small residual, theta near 0) that is about <c>cond(A) eps</c>, the
/// square root of the normal equations' error. The SVD also reveals (numerical) rank deficiency and gives
/// the minimum-norm solution, at several times the cost of QR. Trefethen and Bau, Numerical Linear
/// Algebra, Lectures 11 (least squares), 18 (conditioning) and 19 (stability, including the polynomial
/// fit that the tests reproduce); Golub and Van Loan, Matrix Computations, 4th ed., sec. 5.3.
/// </para>
/// <para>
/// All three reject A with a NaN or infinite entry, b whose length is not the number of rows of A, and
/// (normal equations and QR, which need full column rank) A with fewer rows than columns.
/// </para>
/// </remarks>
public static class LeastSquares
{
    /// <summary>
    /// Solves <c>A^T A x = A^T b</c> by the Cholesky factorisation <c>A^T A = L L^T</c>.
    /// </summary>
    /// <remarks>Trefethen and Bau, Lecture 11, Algorithm 11.1. Accurate only when cond(A)^2 eps is small:
    /// the factorised matrix has condition number cond(A)^2 (see the type's remarks).</remarks>
    /// <param name="a">The m x n design matrix, m &gt;= n, full column rank.</param>
    /// <param name="b">The right-hand side, length m.</param>
    /// <returns>The solution, residual norm and cond(A).</returns>
    /// <exception cref="ArgumentException">Bad shapes or non-finite entries, or A^T A is not numerically
    /// positive definite (A is rank deficient or too ill-conditioned for this method).</exception>
    public static LeastSquaresResult NormalEquations(Matrix<double> a, Vector<double> b)
    {
        Validate(a, b, nameof(NormalEquations), needsFullColumnRankShape: true);
        Matrix<double> gram = a.TransposeThisAndMultiply(a);
        Vector<double> rhs = a.TransposeThisAndMultiply(b);
        Cholesky<double> cholesky;
        try
        {
            cholesky = gram.Cholesky();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"NormalEquations: A^T A is not numerically positive definite (A is {ArgumentChecks.Shape(a)}, " +
                $"cond(A) = {ArgumentChecks.Format(Conditioning.ConditionNumber(a))}, so cond(A^T A) is its square); " +
                "A is rank deficient or too ill-conditioned for the normal equations: use Qr or Svd", nameof(a), e);
        }

        return Result(a, b, cholesky.Solve(rhs), LeastSquaresMethod.NormalEquations, Conditioning.ConditionNumber(a), a.ColumnCount);
    }

    /// <summary>
    /// Solves the least-squares problem by Householder QR: <c>A = Q R</c> (Q: m x n with orthonormal columns,
    /// R: n x n upper triangular), then back substitution in <c>R x = Q^T b</c>.
    /// </summary>
    /// <remarks>Trefethen and Bau, Lecture 11, Algorithm 11.2, and Lecture 10 (Householder triangularisation);
    /// Golub and Van Loan, sec. 5.3. A diagonal entry of R with
    /// <c>|R[k, k]| &lt;= eps max(m, n) max_j |R[j, j]|</c> is treated as zero: A is then numerically rank
    /// deficient and the solution is not unique, so the method throws and points to <see cref="Svd"/>.</remarks>
    /// <param name="a">The m x n design matrix, m &gt;= n, full column rank.</param>
    /// <param name="b">The right-hand side, length m.</param>
    /// <returns>The solution, residual norm and cond(A).</returns>
    /// <exception cref="ArgumentException">Bad shapes or non-finite entries, or A is numerically rank deficient.</exception>
    public static LeastSquaresResult Qr(Matrix<double> a, Vector<double> b)
    {
        Validate(a, b, nameof(Qr), needsFullColumnRankShape: true);
        QR<double> qr = a.QR(QRMethod.Thin);
        Matrix<double> r = qr.R;
        double largest = r.Diagonal().AbsoluteMaximum();
        double threshold = FiniteDifferences.MachineEpsilon * Math.Max(a.RowCount, a.ColumnCount) * largest;
        for (int k = 0; k < r.ColumnCount; k++)
        {
            if (!(Math.Abs(r[k, k]) > threshold))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Qr: A ({ArgumentChecks.Shape(a)}) is numerically rank deficient: |R[{k}, {k}]| = {ArgumentChecks.Format(Math.Abs(r[k, k]))} " +
                    $"while max |R[j, j]| = {ArgumentChecks.Format(largest)}; use Svd for the minimum-norm solution"), nameof(a));
            }
        }

        Vector<double> x = BackSubstitute(r, qr.Q.TransposeThisAndMultiply(b));
        return Result(a, b, x, LeastSquaresMethod.Qr, Conditioning.ConditionNumber(a), a.ColumnCount);
    }

    /// <summary>
    /// Solves the least-squares problem with the pseudo-inverse: <c>A = U S V^T</c>,
    /// <c>x = sum over kept i of (u_i^T b / sigma_i) v_i</c>, keeping the singular values
    /// <c>sigma_i &gt; rcond sigma_max</c>.
    /// </summary>
    /// <remarks>Trefethen and Bau, Lecture 11, Algorithm 11.3; Golub and Van Loan, Matrix Computations, 4th ed., sec. 5.5 (rank-deficient problems).
    /// Dropping the tiny singular values gives the minimum-norm least-squares solution of the nearby
    /// rank-r problem instead of amplifying noise by 1/sigma_min. Works for any shape, including m &lt; n
    /// (the minimum-norm solution of an underdetermined system).</remarks>
    /// <param name="a">The m x n design matrix.</param>
    /// <param name="b">The right-hand side, length m.</param>
    /// <param name="rcond">The relative cutoff, finite and in [0, 1); null chooses <c>eps max(m, n)</c> (as LAPACK's
    /// and NumPy's default does).</param>
    /// <returns>The minimum-norm solution, residual norm, cond(A) and the number of singular values kept.</returns>
    /// <exception cref="ArgumentException">Bad shapes or non-finite entries, or A is the zero matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">rcond is negative, at least 1, or not finite.</exception>
    public static LeastSquaresResult Svd(Matrix<double> a, Vector<double> b, double? rcond = null)
    {
        Validate(a, b, nameof(Svd), needsFullColumnRankShape: false);
        if (rcond is { } given && !(given >= 0 && given < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rcond), given,
                $"Svd: rcond must be in [0, 1) but is {ArgumentChecks.Format(given)}");
        }

        Svd<double> svd = a.Svd(computeVectors: true);
        Vector<double> s = svd.S;
        if (s[0] == 0)
        {
            throw new ArgumentException($"Svd: A ({ArgumentChecks.Shape(a)}) is the zero matrix; every x is a least-squares solution", nameof(a));
        }

        double cutoff = (rcond ?? FiniteDifferences.MachineEpsilon * Math.Max(a.RowCount, a.ColumnCount)) * s[0];
        var x = Vector<double>.Build.Dense(a.ColumnCount);
        int rank = 0;
        for (int i = 0; i < s.Count && s[i] > cutoff; i++) // MathNet returns S in decreasing order
        {
            double coefficient = svd.U.Column(i).DotProduct(b) / s[i];
            x += coefficient * svd.VT.Row(i);
            rank++;
        }

        return Result(a, b, x, LeastSquaresMethod.Svd, Conditioning.FromSingularValues(s), rank);
    }

    /// <summary>Solves <c>R x = y</c> for upper-triangular R: <c>x_k = (y_k - sum_{j &gt; k} R[k, j] x_j) / R[k, k]</c>, k = n-1 down to 0.</summary>
    private static Vector<double> BackSubstitute(Matrix<double> r, Vector<double> y)
    {
        int n = r.ColumnCount;
        var x = Vector<double>.Build.Dense(n);
        for (int k = n - 1; k >= 0; k--)
        {
            double sum = y[k];
            for (int j = k + 1; j < n; j++)
            {
                sum -= r[k, j] * x[j];
            }

            x[k] = sum / r[k, k];
        }

        return x;
    }

    private static LeastSquaresResult Result(
        Matrix<double> a, Vector<double> b, Vector<double> x, LeastSquaresMethod method, double conditionNumber, int rank) =>
        new(x, (a * x - b).L2Norm(), method, conditionNumber, rank);

    private static void Validate(Matrix<double> a, Vector<double> b, string method, bool needsFullColumnRankShape)
    {
        ArgumentChecks.NotNull(a, method, nameof(a));
        ArgumentChecks.NotNull(b, method, nameof(b));
        if (a.RowCount == 0 || a.ColumnCount == 0)
        {
            throw new ArgumentException($"{method}: A is {ArgumentChecks.Shape(a)}; it needs at least one row and one column", nameof(a));
        }

        if (b.Count != a.RowCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: b has length {b.Count} but A is {ArgumentChecks.Shape(a)}; b needs one entry per row of A ({a.RowCount})"), nameof(b));
        }

        if (needsFullColumnRankShape && a.RowCount < a.ColumnCount)
        {
            throw new ArgumentException(
                $"{method}: A is {ArgumentChecks.Shape(a)}, fewer rows than columns, so it cannot have full column rank; use Svd for the minimum-norm solution",
                nameof(a));
        }

        ArgumentChecks.AllFinite(a, method, nameof(a));
        ArgumentChecks.AllFinite(b, method, nameof(b));
    }
}
