using System.Runtime.Intrinsics;

namespace MlMath.LinearAlgebra;

/// <summary>
/// Matrix products with a dimension of 2 to 4 and at most <see cref="Threshold"/> multiply-adds (e.g. 20 x 50
/// times 50 x 2, the layers of a 2-50-2 network): direct loops over the column-major arrays, no packing.
/// </summary>
/// <remarks>
/// <para>
/// The blocked kernel (<see cref="GemmDriver"/>) copies both factors into packed slivers so that the
/// micro-kernel can reuse them from cache, and it computes whole 24 x 8 (or 8 x 6) register tiles; when one
/// dimension is 2, most of each tile is padding and the copying costs more than the arithmetic. Measured
/// (thread CPU time, this project's machine): the six products of a 2-50-2 network on a batch of 20 took
/// 4.5-9 us each through the blocked kernel and 0.6-0.9 us here. Once every dimension is larger than the
/// width of a vector the blocked kernel wins again (16 x 16 x 16: 0.65 against 1.2 us), hence the rule.
/// </para>
/// <para>
/// C (m x n) += op(A) op(B), all column-major:
/// <list type="bullet">
/// <item>A not transposed: C[:, j] += sum_p A[:, p] op(B)[p, j]. A's column p is contiguous, so sixteen rows
/// of C[:, j] are kept in four vector registers while p runs, and each step is four fused multiply-adds.</item>
/// <item>A transposed: C[i, j] += dot(A[:, i], B[:, j]), two contiguous columns; four values of i at a
/// time, so that B's column is read once for four dot products.</item>
/// </list>
/// (Both transposed is left to the blocked kernel; the autodiff engine never asks for it.)
/// </para>
/// </remarks>
internal static unsafe class SmallProducts
{
    /// <summary>Products with at most this many multiply-adds (m n k) and a dimension of at most
    /// <see cref="ThinDimension"/> take the direct loops.</summary>
    public const long Threshold = 1 << 16;

    /// <summary>The largest smallest dimension for which the direct loops beat the blocked kernel.</summary>
    public const int ThinDimension = 4;

    /// <summary>Computes C += op(A) op(B) and returns true if the product is thin and small and not doubly transposed.</summary>
    public static bool TryMultiplyAdd(double[] a, int aRows, bool transposeA, double[] b, int bRows, bool transposeB,
        double[] c, int m, int n, int k)
    {
        if ((long)m * n * k > Threshold || Math.Min(m, Math.Min(n, k)) > ThinDimension || (transposeA && transposeB))
        {
            return false;
        }

        if (transposeA && m < 4)
        {
            // Too few rows of C to take four at a time: take four columns instead, sharing A's column.
            for (int i = 0; i < m; i++)
            {
                AddRowTimesColumns(a.AsSpan(i * aRows, k), b, bRows, c, i, m, n);
            }

            return true;
        }

        if (transposeA)
        {
            for (int j = 0; j < n; j++)
            {
                var column = b.AsSpan(j * bRows, k);
                int i = 0;
                for (; i + 4 <= m; i += 4)
                {
                    // Four dot products that share B's column: each piece of it is loaded once for all four.
                    var (d0, d1, d2, d3) = Dot4(a.AsSpan(i * aRows, k), a.AsSpan((i + 1) * aRows, k),
                        a.AsSpan((i + 2) * aRows, k), a.AsSpan((i + 3) * aRows, k), column);
                    c[i + (j * m)] += d0;
                    c[i + 1 + (j * m)] += d1;
                    c[i + 2 + (j * m)] += d2;
                    c[i + 3 + (j * m)] += d3;
                }

                for (; i < m; i++)
                {
                    c[i + (j * m)] += Dot(a.AsSpan(i * aRows, k), column);
                }
            }

            return true;
        }

        if (m < 4)
        {
            MultiplyAddFewRows(a, aRows, b, bRows, transposeB, c, m, n, k);
            return true;
        }

        fixed (double* pa = a, pb = b, pc = c)
        {
            for (int j = 0; j < n; j++)
            {
                double* cj = pc + ((nint)j * m);

                // op(B)[p, j] is b[p + j bRows], or b[j + p bRows] when B is read transposed.
                double* bj = transposeB ? pb + j : pb + ((nint)j * bRows);
                nint bStep = transposeB ? bRows : 1;
                int i = 0;
                for (; i + 16 <= m; i += 16)
                {
                    // Sixteen rows of C[:, j] in four registers while p runs: four independent multiply-adds per step.
                    var c0 = Vector256.Load(cj + i);
                    var c1 = Vector256.Load(cj + i + 4);
                    var c2 = Vector256.Load(cj + i + 8);
                    var c3 = Vector256.Load(cj + i + 12);
                    double* ap = pa + i;
                    for (int p = 0; p < k; p++, ap += aRows)
                    {
                        var bpj = Vector256.Create(bj[p * bStep]);
                        c0 = Vector256.FusedMultiplyAdd(Vector256.Load(ap), bpj, c0);
                        c1 = Vector256.FusedMultiplyAdd(Vector256.Load(ap + 4), bpj, c1);
                        c2 = Vector256.FusedMultiplyAdd(Vector256.Load(ap + 8), bpj, c2);
                        c3 = Vector256.FusedMultiplyAdd(Vector256.Load(ap + 12), bpj, c3);
                    }

                    c0.Store(cj + i);
                    c1.Store(cj + i + 4);
                    c2.Store(cj + i + 8);
                    c3.Store(cj + i + 12);
                }

                for (; i + 4 <= m; i += 4)
                {
                    var sum = Vector256.Load(cj + i);
                    double* ap = pa + i;
                    for (int p = 0; p < k; p++, ap += aRows)
                    {
                        sum = Vector256.FusedMultiplyAdd(Vector256.Load(ap), Vector256.Create(bj[p * bStep]), sum);
                    }

                    sum.Store(cj + i);
                }

                for (; i < m; i++)
                {
                    double sum = cj[i];
                    for (int p = 0; p < k; p++)
                    {
                        sum = Math.FusedMultiplyAdd(pa[i + ((nint)p * aRows)], bj[p * bStep], sum);
                    }

                    cj[i] = sum;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// C += A op(B) for C with one to three rows, one row of C at a time: row i of A is copied to a contiguous
    /// buffer, then C[i, :] += A[i, :] op(B) as dot products with B's columns (four at a time) or, when B is
    /// transposed, as a sum of B's columns scaled by A[i, p] into a contiguous row that is then stored.
    /// </summary>
    private static void MultiplyAddFewRows(double[] a, int aRows, double[] b, int bRows, bool transposeB, double[] c, int m, int n, int k)
    {
        var row = new double[k];
        var result = transposeB ? new double[n] : null;
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++) row[p] = a[i + (p * aRows)];
            if (transposeB)
            {
                // op(B)[p, :] is B's column p, contiguous: result = sum_p A[i, p] B[:, p].
                Array.Clear(result!);
                for (int p = 0; p < k; p++)
                {
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(b.AsSpan(p * bRows, n), row[p], result, result);
                }

                for (int j = 0; j < n; j++) c[i + (j * m)] += result![j];
                continue;
            }

            AddRowTimesColumns(row, b, bRows, c, i, m, n);
        }
    }

    /// <summary>
    /// C[i, j] += row . B[:, j] for every column j of C (m rows, column-major), four columns of B per pass over
    /// <paramref name="row"/> (its length is B's shared dimension).
    /// </summary>
    private static void AddRowTimesColumns(ReadOnlySpan<double> row, double[] b, int bRows, double[] c, int i, int m, int n)
    {
        int k = row.Length;
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            var (d0, d1, d2, d3) = Dot4(b.AsSpan(j * bRows, k), b.AsSpan((j + 1) * bRows, k),
                b.AsSpan((j + 2) * bRows, k), b.AsSpan((j + 3) * bRows, k), row);
            c[i + (j * m)] += d0;
            c[i + ((j + 1) * m)] += d1;
            c[i + ((j + 2) * m)] += d2;
            c[i + ((j + 3) * m)] += d3;
        }

        for (; j < n; j++)
        {
            c[i + (j * m)] += Dot(row, b.AsSpan(j * bRows, k));
        }
    }

    /// <summary>(x0 . y, x1 . y, x2 . y, x3 . y), four products at a time each; each lane sums as <see cref="Dot"/> does.</summary>
    private static (double, double, double, double) Dot4(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1,
        ReadOnlySpan<double> x2, ReadOnlySpan<double> x3, ReadOnlySpan<double> y)
    {
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        int p = 0;
        for (; p + 4 <= y.Length; p += 4)
        {
            var yp = Vector256.Create(y.Slice(p, 4));
            s0 = Vector256.FusedMultiplyAdd(Vector256.Create(x0.Slice(p, 4)), yp, s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.Create(x1.Slice(p, 4)), yp, s1);
            s2 = Vector256.FusedMultiplyAdd(Vector256.Create(x2.Slice(p, 4)), yp, s2);
            s3 = Vector256.FusedMultiplyAdd(Vector256.Create(x3.Slice(p, 4)), yp, s3);
        }

        double t0 = Vector256.Sum(s0), t1 = Vector256.Sum(s1), t2 = Vector256.Sum(s2), t3 = Vector256.Sum(s3);
        for (; p < y.Length; p++)
        {
            t0 = Math.FusedMultiplyAdd(x0[p], y[p], t0);
            t1 = Math.FusedMultiplyAdd(x1[p], y[p], t1);
            t2 = Math.FusedMultiplyAdd(x2[p], y[p], t2);
            t3 = Math.FusedMultiplyAdd(x3[p], y[p], t3);
        }

        return (t0, t1, t2, t3);
    }

    /// <summary>x . y, four products at a time.</summary>
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = Vector256<double>.Zero;
        int p = 0;
        for (; p + 4 <= x.Length; p += 4)
        {
            sum = Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(p, 4)), Vector256.Create(y.Slice(p, 4)), sum);
        }

        double total = Vector256.Sum(sum);
        for (; p < x.Length; p++)
        {
            total = Math.FusedMultiplyAdd(x[p], y[p], total);
        }

        return total;
    }
}
