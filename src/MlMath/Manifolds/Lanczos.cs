using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Manifolds;

/// <summary>
/// The few largest eigenpairs of a symmetric operator by the Lanczos method with full reorthogonalisation:
/// only products A x are needed, so a dense n x n matrix costs O(n^2) per step and a sparse one O(nnz), instead
/// of the O(n^3) of a full eigendecomposition.
/// </summary>
/// <remarks>
/// <para>From a random unit q_1, the three-term recurrence
/// beta_j q_{j+1} = A q_j - alpha_j q_j - beta_{j-1} q_{j-1}, with alpha_j = q_j^T A q_j and beta_j = |...|,
/// builds an orthonormal basis Q_m of the Krylov space span{q_1, A q_1, ..., A^{m-1} q_1} in which
/// Q_m^T A Q_m = T_m is tridiagonal (diagonal alpha, off-diagonal beta). If T_m = S Theta S^T, the Ritz pairs
/// (theta_i, Q_m s_i) approximate eigenpairs of A with residual |A y_i - theta_i y_i| = beta_m |s_{m,i}|, so
/// convergence is read off without touching A. The extreme eigenvalues converge first.</para>
/// <para>In floating point the q_j lose orthogonality once a Ritz pair converges; here every new vector is
/// orthogonalised against all previous ones twice (classical Gram-Schmidt, "twice is enough"), O(n m) per
/// step. There is no restart: m grows until the wanted pairs converge or m reaches the limit, which is cheap
/// when they are well separated (the top of an MDS matrix; the bottom of a Laplacian after shift-invert). If
/// the space becomes invariant (beta_j = 0) a fresh random vector orthogonal to Q continues the process;
/// if that vector is itself an eigenvector (a block of one step), A is a multiple of the identity on the
/// rest of the space and the spectrum is complete (this ends the solve at once for low-rank A, such as the
/// rank-3 Gram matrix of 3-D points in classical MDS).
/// A wanted eigenvalue of multiplicity greater than one can be found with too few copies unless such a
/// breakdown occurs (as in any single-vector Krylov method).</para>
/// <para>References: Lanczos, J. Res. Nat. Bur. Standards 45, 1950; Golub and Van Loan, Matrix Computations,
/// 4th ed., sec. 10.1-10.3; Parlett, The Symmetric Eigenvalue Problem, 1998. scikit-learn uses ARPACK's
/// implicitly restarted Lanczos for the same purpose.</para>
/// </remarks>
public static class Lanczos
{
    /// <summary>
    /// The <paramref name="count"/> algebraically largest eigenpairs of the symmetric operator x -&gt; A x.
    /// </summary>
    /// <param name="dimension">n, the size of A.</param>
    /// <param name="multiply">Writes A x (second argument, length n) for x (first argument, length n; do not modify it).</param>
    /// <param name="count">How many eigenpairs, 1 &lt;= count &lt;= n.</param>
    /// <param name="random">Source of the random starting vector.</param>
    /// <param name="tolerance">Stop when every wanted residual is at most tolerance * max |theta|.</param>
    /// <param name="maxDimension">The largest Krylov dimension m (0: min(n, max(300, 20 count))).</param>
    /// <param name="cancellationToken">Checked every step.</param>
    /// <exception cref="ArgumentOutOfRangeException">count outside [1, n].</exception>
    public static LanczosResult Largest(int dimension, Action<double[], double[]> multiply, int count, Random random,
        double tolerance = 1e-9, int maxDimension = 0, CancellationToken cancellationToken = default)
    {
        const string method = "Lanczos.Largest";
        ManifoldChecks.NotNull(multiply, method, nameof(multiply));
        ManifoldChecks.NotNull(random, method, nameof(random));
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"{method}: dimension must be positive.");
        ManifoldChecks.Components(count, dimension, method, nameof(count));
        ManifoldChecks.Positive(tolerance, method, nameof(tolerance));
        var n = dimension;
        var limit = maxDimension > 0 ? Math.Min(maxDimension, n) : Math.Min(n, Math.Max(300, 20 * count));
        limit = Math.Max(limit, count);

        var basis = new List<double[]>();
        var alpha = new List<double>();
        var beta = new List<double>(); // beta[j] couples q_j and q_{j+1}
        var q = RandomUnitVector(n, basis, random);
        var w = new double[n];
        var nextCheck = Math.Max(count + 2, 8);
        var blockStart = 0; // where the current Krylov block (since the last breakdown) began
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            basis.Add(q);
            multiply(q, w);
            var a = TensorPrimitives.Dot<double>(q, w);
            alpha.Add(a);
            Orthogonalise(w, basis); // removes alpha_j q_j, beta_{j-1} q_{j-1} and rounding drift together
            Orthogonalise(w, basis);
            var b = TensorPrimitives.Norm<double>(w);
            var m = basis.Count;
            var scale = alpha.Max(Math.Abs) + (beta.Count > 0 ? beta.Max() : 0);
            var breakdown = b <= 1e-12 * Math.Max(scale, double.Epsilon);
            if (m == limit || m == n || m >= nextCheck || breakdown)
            {
                var (values, vectors) = TridiagonalEigen(alpha, beta);
                var residual = 0.0;
                var thetaMax = values.Max(Math.Abs);
                for (var i = 0; i < count && i < m; i++) residual = Math.Max(residual, Math.Abs((breakdown ? 0 : b) * vectors[m - 1, i]));
                var converged = m >= count && residual <= tolerance * Math.Max(thetaMax, double.Epsilon);
                // A block that breaks down after one step means A is a multiple of the identity on the rest of
                // the space (a random vector there is an eigenvector), so the spectrum is complete.
                var complete = breakdown && m - blockStart == 1 && m >= count;
                if ((converged && !breakdown) || complete || m == limit || m == n)
                {
                    return Ritz(values, vectors, basis, count, m, residual, converged || complete || m == n);
                }

                nextCheck = m + Math.Max(5, m / 8);
            }

            if (breakdown)
            {
                beta.Add(0);
                blockStart = m;
                q = RandomUnitVector(n, basis, random);
            }
            else
            {
                beta.Add(b);
                q = new double[n];
                TensorPrimitives.Multiply<double>(w, 1.0 / b, q);
            }
        }
    }

    /// <summary>The <paramref name="count"/> largest eigenpairs of a dense symmetric matrix (symmetry is assumed, not checked: column i is used as row i).</summary>
    /// <exception cref="ArgumentException">The matrix is not square.</exception>
    public static LanczosResult Largest(Matrix<double> symmetric, int count, Random random, double tolerance = 1e-9,
        CancellationToken cancellationToken = default)
    {
        ManifoldChecks.NotNull(symmetric, "Lanczos.Largest", nameof(symmetric));
        if (symmetric.RowCount != symmetric.ColumnCount)
        {
            throw new ArgumentException(ManifoldChecks.F($"Lanczos.Largest: the matrix is {symmetric.RowCount}x{symmetric.ColumnCount}, not square."), nameof(symmetric));
        }

        var dense = symmetric as DenseMatrix ?? DenseMatrix.OfMatrix(symmetric);
        return Largest(dense.RowCount, (x, y) => SymmetricMultiply(dense, x, y), count, random, tolerance, 0, cancellationToken);
    }

    /// <summary>y = A x for symmetric column-major A: y_i = (column i) . x, columns in parallel for large n.</summary>
    internal static void SymmetricMultiply(DenseMatrix a, double[] x, double[] y)
    {
        var n = a.RowCount;
        var values = a.Values;
        if (n < 512)
        {
            for (var i = 0; i < n; i++) y[i] = TensorPrimitives.Dot<double>(values.AsSpan(i * n, n), x);
            return;
        }

        Parallel.For(0, (n + 127) / 128, block =>
        {
            var end = Math.Min(n, (block + 1) * 128);
            for (var i = block * 128; i < end; i++) y[i] = TensorPrimitives.Dot<double>(values.AsSpan(i * n, n), x);
        });
    }

    private static void Orthogonalise(double[] w, List<double[]> basis)
    {
        foreach (var v in basis)
        {
            var c = TensorPrimitives.Dot<double>(v, w);
            TensorPrimitives.MultiplyAdd<double>(v, -c, w, w);
        }
    }

    private static double[] RandomUnitVector(int n, List<double[]> basis, Random random)
    {
        var v = new double[n];
        for (var attempt = 0; attempt < 10; attempt++)
        {
            for (var i = 0; i < n; i++) v[i] = random.NextDouble() - 0.5;
            Orthogonalise(v, basis);
            Orthogonalise(v, basis);
            var norm = TensorPrimitives.Norm<double>(v);
            if (norm > 1e-8)
            {
                TensorPrimitives.Multiply<double>(v, 1.0 / norm, v);
                return v;
            }
        }

        throw new InvalidOperationException("Lanczos: could not find a new direction orthogonal to the Krylov basis.");
    }

    /// <summary>Eigenvalues (descending) and eigenvectors (columns) of the tridiagonal T_m, by MathNet's dense symmetric solver (m is small).</summary>
    private static (double[] Values, Matrix<double> Vectors) TridiagonalEigen(List<double> alpha, List<double> beta)
    {
        var m = alpha.Count;
        var t = new DenseMatrix(m, m);
        for (var i = 0; i < m; i++)
        {
            t[i, i] = alpha[i];
            if (i + 1 < m)
            {
                t[i, i + 1] = beta[i];
                t[i + 1, i] = beta[i];
            }
        }

        var evd = t.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, m).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var values = order.Select(i => evd.EigenValues[i].Real).ToArray();
        var vectors = DenseMatrix.Create(m, m, (r, c) => evd.EigenVectors[r, order[c]]);
        return (values, vectors);
    }

    private static LanczosResult Ritz(double[] values, Matrix<double> s, List<double[]> basis, int count, int m, double residual, bool converged)
    {
        var n = basis[0].Length;
        var vectors = new DenseMatrix(n, count);
        for (var c = 0; c < count; c++)
        {
            var column = vectors.Values.AsSpan(c * n, n);
            for (var j = 0; j < m; j++) TensorPrimitives.MultiplyAdd<double>(basis[j], s[j, c], column, column);
        }

        return new LanczosResult(DenseVector.OfArray(values[..count]), vectors, m, residual, converged);
    }
}
