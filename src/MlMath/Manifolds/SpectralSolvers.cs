using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Manifolds;

/// <summary>The eigen-solves that the embeddings share: top of a dense matrix, bottom of a sparse one.</summary>
internal static class SpectralSolvers
{
    /// <summary>The Lanczos start vector comes from this fixed seed, so every embedding is deterministic.</summary>
    internal const int StartSeed = 20000;

    /// <summary>The <paramref name="count"/> largest eigenpairs of a dense symmetric matrix, signs fixed (see <see cref="FixSigns"/>).</summary>
    internal static LanczosResult LargestDense(DenseMatrix a, int count, CancellationToken cancellationToken)
    {
        var result = Lanczos.Largest(a.RowCount, (x, y) => Lanczos.SymmetricMultiply(a, x, y), count,
            new Random(StartSeed), 1e-10, 0, cancellationToken);
        FixSigns(result.Eigenvectors);
        return result;
    }

    /// <summary>
    /// The <paramref name="count"/> smallest eigenpairs of a sparse symmetric positive semi-definite matrix by
    /// shift-invert Lanczos: with sigma = -1e-8 max|A_ii|, the largest eigenvalues theta of (A - sigma I)^{-1}
    /// are 1 / (lambda - sigma) for the smallest lambda of A, and they are well separated, so Lanczos converges
    /// in a few dozen steps; each step is two triangular solves with the envelope Cholesky factor.
    /// Eigenvalues are returned ascending.
    /// </summary>
    internal static LanczosResult SmallestSparse(SparseSymmetricMatrix a, int count, CancellationToken cancellationToken)
    {
        var sigma = -1e-8 * Math.Max(a.MaxAbsDiagonal(), double.Epsilon);
        var factor = new EnvelopeCholesky(a, sigma);
        var result = Lanczos.Largest(a.Size, (x, y) => factor.Solve(x, y), count, new Random(StartSeed), 1e-12, 0, cancellationToken);
        var values = result.Eigenvalues.Map(theta => sigma + 1.0 / theta);
        FixSigns(result.Eigenvectors);
        return result with { Eigenvalues = values };
    }

    /// <summary>Makes each column's entry of largest magnitude positive (eigenvectors are defined up to sign).</summary>
    internal static void FixSigns(Matrix<double> vectors)
    {
        for (var c = 0; c < vectors.ColumnCount; c++)
        {
            var column = vectors.Column(c);
            var index = column.AbsoluteMaximumIndex();
            if (column[index] < 0) vectors.SetColumn(c, column.Negate());
        }
    }
}
