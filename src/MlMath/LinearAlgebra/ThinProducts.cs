using System.Numerics.Tensors;

namespace MlMath.LinearAlgebra;

/// <summary>
/// Matrix products with a dimension of 1 (matrix-vector, vector-matrix, outer products) as a few vectorised
/// passes over contiguous columns, skipping the packing and tiling of the blocked kernel, which exist to reuse
/// data that a product this thin never reuses.
/// </summary>
/// <remarks>
/// All storage is column-major, so column j of an r x c matrix is the contiguous span [j r, j r + r), and a
/// matrix with one row or one column is one contiguous span whether or not it is read transposed.
/// C (m x n) += op(A) (m x k) op(B) (k x n), where op transposes when asked:
/// <list type="bullet">
/// <item>n = 1: c = sum_p op(A)[:, p] b_p, i.e. columns of A scaled and added (or, with A transposed,
/// c_i = dot(A[:, i], b)).</item>
/// <item>k = 1: the outer product, C[:, j] += a b_j.</item>
/// <item>m = 1: c_j = dot(a, B[:, j]) (or, with B transposed, c = sum_p a_p B[:, p]).</item>
/// </list>
/// Measured: 128x64 times 64x1 and its two gradient products went from 5-8 us each through the blocked
/// kernel to about 1 us.
/// </remarks>
internal static class ThinProducts
{
    /// <summary>Computes C += op(A) op(B) if one of m, n, k is 1 and returns true; otherwise returns false.</summary>
    public static bool TryMultiplyAdd(double[] a, int aRows, int aColumns, bool transposeA,
        double[] b, int bRows, int bColumns, bool transposeB, double[] c, int m, int n)
    {
        var k = transposeA ? aRows : aColumns;
        if (n == 1)
        {
            var vector = b.AsSpan(0, k); // op(B) is k x 1: contiguous either way
            if (!transposeA)
            {
                for (var p = 0; p < k; p++) TensorPrimitives.MultiplyAdd(a.AsSpan(p * aRows, m), vector[p], c.AsSpan(0, m), c.AsSpan(0, m));
            }
            else
            {
                for (var i = 0; i < m; i++) c[i] += TensorPrimitives.Dot(a.AsSpan(i * aRows, k), vector);
            }

            return true;
        }

        if (k == 1)
        {
            var column = a.AsSpan(0, m); // op(A) is m x 1: contiguous either way
            for (var j = 0; j < n; j++) TensorPrimitives.MultiplyAdd(column, b[j], c.AsSpan(j * m, m), c.AsSpan(j * m, m));
            return true;
        }

        if (m == 1)
        {
            var row = a.AsSpan(0, k); // op(A) is 1 x k: contiguous either way; C is 1 x n: c_j at index j
            if (!transposeB)
            {
                for (var j = 0; j < n; j++) c[j] += TensorPrimitives.Dot(row, b.AsSpan(j * bRows, k));
            }
            else
            {
                for (var p = 0; p < k; p++) TensorPrimitives.MultiplyAdd(b.AsSpan(p * bRows, n), row[p], c.AsSpan(0, n), c.AsSpan(0, n));
            }

            return true;
        }

        return false;
    }
}
