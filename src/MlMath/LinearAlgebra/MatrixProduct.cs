using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.LinearAlgebra;

/// <summary>
/// The dense matrix product C = A B, C_ij = sum_p A_ip B_pj, and its transposed and accumulating forms,
/// computed by a cache-blocked, vectorised kernel (see <see cref="GemmDriver"/>) that uses every core for
/// large products and one core for small ones.
/// </summary>
/// <remarks>
/// <para>
/// Why not MathNet's <c>a * b</c>? Its managed product reaches about 5 GFLOP/s on this project's machine and
/// parallelises even tiny products (which makes them slower); this kernel reaches the tens of GFLOP/s an
/// optimised BLAS does (numbers in docs/benchmarks.md). The result is the same up to rounding: the sums are
/// added in a different order, so entries may differ in the last few bits.
/// </para>
/// <para>
/// Dense inputs (<see cref="DenseMatrix"/>, column-major storage) take the fast path. Any other storage
/// (sparse, diagonal, ...) is passed to MathNet's own product, which knows how to exploit it; the result is
/// always a new <see cref="DenseMatrix"/>.
/// </para>
/// <para>
/// Reference: K. Goto and R. A. van de Geijn, "Anatomy of high-performance matrix multiplication",
/// ACM Transactions on Mathematical Software 34(3), 2008.
/// </para>
/// </remarks>
public static unsafe class MatrixProduct
{
    /// <summary>The matrix product C = A B, C_ij = sum_p A_ip B_pj, for A (m x k) and B (k x n).</summary>
    /// <param name="a">The left factor A, m x k.</param>
    /// <param name="b">The right factor B, k x n.</param>
    /// <returns>A new m x n dense matrix.</returns>
    /// <exception cref="ArgumentException">A's column count differs from B's row count.</exception>
    public static Matrix<double> Multiply(Matrix<double> a, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireShapes(a.ColumnCount == b.RowCount, nameof(Multiply), a, b, "left columns must equal right rows");
        var c = new DenseMatrix(a.RowCount, b.ColumnCount);
        Compute(a, transposeA: false, b, transposeB: false, c);
        return c;
    }

    /// <summary>
    /// The product C = A^T B, C_ij = sum_p A_pi B_pj, for A (k x m) and B (k x n), without forming A^T.
    /// In backpropagation through Y = X W this is the weight gradient dW = X^T dY.
    /// </summary>
    /// <param name="a">The factor A, k x m (it is used transposed).</param>
    /// <param name="b">The right factor B, k x n.</param>
    /// <returns>A new m x n dense matrix.</returns>
    /// <exception cref="ArgumentException">A's row count differs from B's row count.</exception>
    public static Matrix<double> MultiplyTransposeA(Matrix<double> a, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireShapes(a.RowCount == b.RowCount, nameof(MultiplyTransposeA), a, b, "left rows must equal right rows");
        var c = new DenseMatrix(a.ColumnCount, b.ColumnCount);
        Compute(a, transposeA: true, b, transposeB: false, c);
        return c;
    }

    /// <summary>
    /// The product C = A B^T, C_ij = sum_p A_ip B_jp, for A (m x k) and B (n x k), without forming B^T.
    /// In backpropagation through Y = X W this is the input gradient dX = dY W^T.
    /// </summary>
    /// <param name="a">The left factor A, m x k.</param>
    /// <param name="b">The factor B, n x k (it is used transposed).</param>
    /// <returns>A new m x n dense matrix.</returns>
    /// <exception cref="ArgumentException">A's column count differs from B's column count.</exception>
    public static Matrix<double> MultiplyTransposeB(Matrix<double> a, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireShapes(a.ColumnCount == b.ColumnCount, nameof(MultiplyTransposeB), a, b, "left columns must equal right columns");
        var c = new DenseMatrix(a.RowCount, b.RowCount);
        Compute(a, transposeA: false, b, transposeB: true, c);
        return c;
    }

    /// <summary>
    /// Accumulates a product in place: C &lt;- C + A B, C_ij += sum_p A_ip B_pj, for A (m x k), B (k x n)
    /// and C (m x n). Gradient accumulation uses this to avoid allocating the product.
    /// </summary>
    /// <param name="a">The left factor A, m x k.</param>
    /// <param name="b">The right factor B, k x n.</param>
    /// <param name="c">The accumulator C, m x n, updated in place. It must not share storage with A or B.</param>
    /// <exception cref="ArgumentException">The shapes do not fit, or C is (or shares its array with) A or B.</exception>
    public static void MultiplyAdd(Matrix<double> a, Matrix<double> b, Matrix<double> c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        RequireShapes(a.ColumnCount == b.RowCount, nameof(MultiplyAdd), a, b, "left columns must equal right rows");
        if (c.RowCount != a.RowCount || c.ColumnCount != b.ColumnCount)
        {
            throw new ArgumentException(
                $"MatrixProduct.MultiplyAdd: left is {Shape(a)}, right is {Shape(b)}, so the accumulator must be "
                + $"{a.RowCount}x{b.ColumnCount}, but it is {Shape(c)}.", nameof(c));
        }

        if (SharesStorage(c, a) || SharesStorage(c, b))
        {
            throw new ArgumentException("MatrixProduct.MultiplyAdd: the accumulator must not be one of the factors.", nameof(c));
        }

        Compute(a, transposeA: false, b, transposeB: false, c);
    }

    /// <summary>
    /// The plain definition C_ij = sum_p A_ip B_pj as a triple loop: slow, obviously right, and what the
    /// tests compare the fast path to.
    /// </summary>
    internal static Matrix<double> MultiplyReference(Matrix<double> a, Matrix<double> b)
    {
        int m = a.RowCount, k = a.ColumnCount, n = b.ColumnCount;
        double[] left = a.ToColumnMajorArray(), right = b.ToColumnMajorArray(), product = new double[m * n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                double sum = 0.0;
                for (int p = 0; p < k; p++)
                {
                    sum += left[i + (p * m)] * right[p + (j * k)];
                }

                product[i + (j * m)] = sum;
            }
        }

        return new DenseMatrix(m, n, product);
    }

    /// <summary>
    /// C += op(A) op(B) with op = identity or transpose, using the given micro-kernel and thread count
    /// (tests use this to exercise every kernel on any CPU).
    /// </summary>
    internal static void Compute(
        Matrix<double> a, bool transposeA, Matrix<double> b, bool transposeB, Matrix<double> c,
        MicroKernel? kernel = null, int? maxThreads = null)
    {
        if (a is not DenseMatrix || b is not DenseMatrix || c is not DenseMatrix)
        {
            // Sparse or other storage: MathNet's own product knows the structure.
            var left = transposeA ? a.Transpose() : a;
            var right = transposeB ? b.Transpose() : b;
            c.Add(left * right, c);
            return;
        }

        int rows = transposeA ? a.ColumnCount : a.RowCount;
        if (kernel is null && rows > 0 && c.ColumnCount > 0 && (transposeA ? a.RowCount : a.ColumnCount) > 0
            && ThinProducts.TryMultiplyAdd(((DenseMatrix)a).Values, a.RowCount, a.ColumnCount, transposeA,
                ((DenseMatrix)b).Values, b.RowCount, b.ColumnCount, transposeB, ((DenseMatrix)c).Values, rows, c.ColumnCount))
        {
            return; // a dimension of 1: matrix-vector or outer product, no blocking needed
        }

        if (kernel is null && SmallProducts.TryMultiplyAdd(((DenseMatrix)a).Values, a.RowCount, transposeA,
                ((DenseMatrix)b).Values, b.RowCount, transposeB, ((DenseMatrix)c).Values, rows, c.ColumnCount,
                transposeA ? a.RowCount : a.ColumnCount))
        {
            return; // a few thousand multiply-adds: direct loops beat packing
        }

        var chosen = kernel ?? GemmMicroKernels.For(rows);
        int threads = maxThreads ?? Environment.ProcessorCount;
        double[] aValues = ((DenseMatrix)a).Values, bValues = ((DenseMatrix)b).Values, cValues = ((DenseMatrix)c).Values;
        fixed (double* pa = aValues, pb = bValues, pc = cValues)
        {
            // The stored matrices are column-major; a transposed factor is the same buffer read with swapped strides.
            var viewA = MatrixView.ColumnMajor(pa, a.RowCount, a.ColumnCount);
            var viewB = MatrixView.ColumnMajor(pb, b.RowCount, b.ColumnCount);
            GemmDriver.MultiplyAdd(
                transposeA ? viewA.Transposed() : viewA,
                transposeB ? viewB.Transposed() : viewB,
                pc, c.RowCount, chosen, threads);
        }
    }

    /// <summary>
    /// The width of the column blocks that <see cref="MultiplyAddPart"/> should be given for a product whose
    /// result has <paramref name="rows"/> rows: the register tile's width, so that only the last block has a
    /// partial tile.
    /// </summary>
    internal static int ColumnBlockWidth(int rows) => GemmMicroKernels.For(rows).Nr;

    /// <summary>
    /// C[:, columns] += op(A)[:, inner] op(B)[inner, columns] for dense A, B and C (op = transpose or not), with
    /// columns = firstColumn..firstColumn+columnCount-1 and inner = firstInner..firstInner+innerCount-1, on the
    /// calling thread: a block of columns of a product, or the partial product from one range of the shared
    /// dimension, when the caller splits a product between threads itself.
    /// </summary>
    /// <remarks>
    /// Always the blocked kernel (never the direct loops for small or thin products), and each entry of C gets the
    /// same operations in the same order whichever block of columns it is in (the kernel's order over the shared
    /// dimension does not depend on the columns): splitting a product into column blocks, on any number of
    /// threads, gives the same bits as one call over all the columns.
    /// </remarks>
    internal static void MultiplyAddPart(DenseMatrix a, bool transposeA, DenseMatrix b, bool transposeB, DenseMatrix c,
        int firstColumn, int columnCount, int firstInner, int innerCount)
    {
        if (columnCount == 0 || innerCount == 0 || c.RowCount == 0) return;
        fixed (double* pa = a.Values, pb = b.Values, pc = c.Values)
        {
            var viewA = MatrixView.ColumnMajor(pa, a.RowCount, a.ColumnCount);
            var viewB = MatrixView.ColumnMajor(pb, b.RowCount, b.ColumnCount);
            if (transposeA) viewA = viewA.Transposed();
            if (transposeB) viewB = viewB.Transposed();
            GemmDriver.MultiplyAddSingleThread(
                viewA.Block(0, firstInner, viewA.Rows, innerCount), viewB.Block(firstInner, firstColumn, innerCount, columnCount),
                pc + ((nint)firstColumn * c.RowCount), c.RowCount, GemmMicroKernels.For(c.RowCount));
        }
    }

    private static void RequireShapes(bool fits, string operation, Matrix<double> a, Matrix<double> b, string rule)
    {
        if (!fits)
        {
            throw new ArgumentException($"MatrixProduct.{operation}: left is {Shape(a)}, right is {Shape(b)} ({rule}).");
        }
    }

    /// <summary>Whether two matrices are the same object or dense views of one array (writing C would change A or B mid-product).</summary>
    private static bool SharesStorage(Matrix<double> x, Matrix<double> y) =>
        ReferenceEquals(x, y) || (x is DenseMatrix dx && y is DenseMatrix dy && ReferenceEquals(dx.Values, dy.Values));

    private static string Shape(Matrix<double> matrix) => $"{matrix.RowCount}x{matrix.ColumnCount}";
}
