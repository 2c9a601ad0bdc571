using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MlMath.LinearAlgebra;

namespace MlMath.Graphs;

/// <summary>
/// The array loops behind message passing: sparse-dense products over CSR arrays and per-edge weighted
/// sums. Variables store column-major matrices, but a message is a row (one node's feature vector), so the
/// kernels work on row-major ("node-major") arrays, row by row with vector instructions (a row of 16
/// doubles is two AVX-512 registers). The column-major ops copy their operand to row-major and the result
/// back (O(n f), against O(nnz f) for the product); the node-major ops of GraphOps.NodeMajor.cs need no copies.
/// </summary>
/// <remarks>
/// Measured on Cora: docs/benchmarks-graphs.md. The plain reference is
/// <see cref="MlMath.LinearAlgebra.CsrMatrix.Multiply"/>, and tests compare the two.
/// </remarks>
internal static partial class SparseKernels
{
    /// <summary>Rows per block of the layout conversions.</summary>
    private const int TransposeBlock = 64;

    /// <summary>A rented buffer of at least <paramref name="length"/> doubles (not cleared).</summary>
    public static double[] Rent(int length) => ArrayPool<double>.Shared.Rent(Math.Max(length, 1));

    public static void Return(double[] buffer) => ArrayPool<double>.Shared.Return(buffer);

    /// <summary>rowMajor[i * columns + c] = columnMajor[i + c * rows].</summary>
    /// <remarks>
    /// In blocks of <see cref="TransposeBlock"/> rows: a block's row-major rows (64 x 64 doubles = 32 KB at most
    /// for the widths here) stay in the L1 cache while every column writes into them; the plain loop wrote one
    /// column at a time across the whole row-major array, touching a new cache line per element, every pass.
    /// </remarks>
    public static void ToRowMajor(double[] columnMajor, int rows, int columns, double[] rowMajor)
    {
        for (var start = 0; start < rows; start += TransposeBlock)
        {
            var end = Math.Min(start + TransposeBlock, rows);
            for (var c = 0; c < columns; c++)
            {
                var offset = c * rows;
                for (var i = start; i < end; i++) rowMajor[i * columns + c] = columnMajor[offset + i];
            }
        }
    }

    /// <summary>columnMajor[i + c * rows] = rowMajor[i * columns + c], in blocks of rows as <see cref="ToRowMajor"/>.</summary>
    public static void ToColumnMajor(double[] rowMajor, int rows, int columns, double[] columnMajor)
    {
        for (var start = 0; start < rows; start += TransposeBlock)
        {
            var end = Math.Min(start + TransposeBlock, rows);
            for (var c = 0; c < columns; c++)
            {
                var offset = c * rows;
                for (var i = start; i < end; i++) columnMajor[offset + i] = rowMajor[i * columns + c];
            }
        }
    }

    /// <summary>Adds a row-major matrix into a column-major one of the same shape (the accumulating form of <see cref="ToColumnMajor"/>).</summary>
    public static void AddColumnMajor(double[] rowMajor, int rows, int columns, double[] columnMajor)
    {
        for (var start = 0; start < rows; start += TransposeBlock)
        {
            var end = Math.Min(start + TransposeBlock, rows);
            for (var c = 0; c < columns; c++)
            {
                var offset = c * rows;
                for (var i = start; i < end; i++) columnMajor[offset + i] += rowMajor[i * columns + c];
            }
        }
    }

    /// <summary>Y = S X, all row-major: y_i = sum_k S_ik x_(col k). <paramref name="y"/> is overwritten.</summary>
    public static unsafe void Multiply(int[] rowPointers, int[] columns, double[] values, int rows, double[] x, int width, double[] y)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            MultiplyInRegisters(rowPointers, columns, values, rows, x, width, y);
            return;
        }

        fixed (double* xp = x, yp = y, vp = values)
        fixed (int* cp = columns)
        {
            for (var i = 0; i < rows; i++)
            {
                var yi = yp + (long)i * width;
                new Span<double>(yi, width).Clear();
                for (var k = rowPointers[i]; k < rowPointers[i + 1]; k++) Axpy(vp[k], xp + (long)cp[k] * width, yi, width);
            }
        }
    }

    /// <summary>X += S^T G, all row-major: row i of G is added, times S_ik, to row (col k) of X (no transpose built).</summary>
    public static unsafe void MultiplyTransposedAdd(int[] rowPointers, int[] columns, double[] values, int rows, double[] g, int width, double[] x)
    {
        fixed (double* gp = g, xp = x, vp = values)
        fixed (int* cp = columns)
        {
            for (var i = 0; i < rows; i++)
            {
                var gi = gp + (long)i * width;
                for (var k = rowPointers[i]; k < rowPointers[i + 1]; k++) Axpy(vp[k], gi, xp + (long)cp[k] * width, width);
            }
        }
    }

    /// <summary>y += a x over <paramref name="length"/> entries, vectorised (x and y must not overlap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Axpy(double a, double* x, double* y, int length)
    {
        var k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // AVX-512: one instruction per 8 entries (a 16-wide GCN row is two); the same multiply and add per lane
            var wide = Vector512.Create(a);
            for (; k <= length - 8; k += 8) Vector512.Store(Vector512.Load(y + k) + wide * Vector512.Load(x + k), y + k);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            for (; k <= length - 8; k += 8)
            {
                Vector256.Store(Vector256.Load(y + k) + va * Vector256.Load(x + k), y + k);
                Vector256.Store(Vector256.Load(y + k + 4) + va * Vector256.Load(x + k + 4), y + k + 4);
            }

            for (; k <= length - 4; k += 4) Vector256.Store(Vector256.Load(y + k) + va * Vector256.Load(x + k), y + k);
        }

        for (; k < length; k++) y[k] += a * x[k];
    }

    /// <summary>y += a x, vectorised.</summary>
    public static unsafe void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        fixed (double* xp = x, yp = y) Axpy(a, xp, yp, x.Length);
    }

    /// <summary>sum_k x_k y_k over <paramref name="length"/> entries, vectorised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe double Dot(double* x, double* y, int length)
    {
        var k = 0;
        var sum = 0.0;
        if (Vector256.IsHardwareAccelerated && length >= 4)
        {
            var acc = Vector256<double>.Zero;
            for (; k <= length - 4; k += 4) acc += Vector256.Load(x + k) * Vector256.Load(y + k);
            sum = Vector256.Sum(acc);
        }

        for (; k < length; k++) sum += x[k] * y[k];
        return sum;
    }

    /// <summary>
    /// <see cref="Axpy(double, double*, double*, int)"/> for 8 entries (GAT's 8 features per head), unrolled: the
    /// general loop's bounds checks and tails cost as much as the two multiply-adds. Same operations, same result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Axpy8(double a, double* x, double* y)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512.Store(Vector512.Load(y) + Vector512.Create(a) * Vector512.Load(x), y);
            return;
        }

        var va = Vector256.Create(a);
        Vector256.Store(Vector256.Load(y) + va * Vector256.Load(x), y);
        Vector256.Store(Vector256.Load(y + 4) + va * Vector256.Load(x + 4), y + 4);
    }

    /// <summary><see cref="Dot"/> for 8 entries, unrolled, with the same order of additions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double Dot8(double* x, double* y)
    {
        var acc = Vector256<double>.Zero + Vector256.Load(x) * Vector256.Load(y);
        acc += Vector256.Load(x + 4) * Vector256.Load(y + 4);
        return Vector256.Sum(acc);
    }

    /// <summary>
    /// y_i[h] = sum over edges e into i of alpha[e, h] x_(source e)[h], row-major x and y with <c>heads</c>
    /// column blocks; alpha column-major E x heads. <paramref name="y"/> must be cleared.
    /// </summary>
    /// <remarks>Targets are independent (each y_i is summed over its own edges), so a large graph is cut into ranges
    /// of targets with about equal edge counts, run on both cores; every y_i is the same whichever core sums it.</remarks>
    public static void WeightedAggregate(int[] pointers, int[] sources, double[] alpha, int edges, int heads, int n,
        double[] x, int width, double[] y) =>
        ForRowRanges(pointers, n, width, (first, last) => WeightedAggregateRange(pointers, sources, alpha, edges, heads, first, last, x, width, y));

    /// <summary>
    /// Runs <paramref name="body"/>(first, last) over ranges of the rows of a compressed pattern (row i owns entries
    /// pointers[i] to pointers[i + 1]): all rows at once when the work (entries x width) is below
    /// <see cref="ParallelThreshold"/>, else one range per core (<see cref="WorkSharing"/>). The rows must be
    /// independent, each writing only its own output, so the split never changes a result.
    /// </summary>
    /// <remarks>
    /// The ranges are equal numbers of rows (nodes), the same cut for every operation on the graph, so that each core
    /// keeps writing the rows of the same nodes and finds them in its own cache (a core that writes a cache line the
    /// other core holds pays 27-29 ns for it on this project's machine: docs/benchmarks.md, "Cache lines between
    /// cores"). Cut by equal numbers of entries instead, each pattern (the adjacency, its transpose, the sparse
    /// features) put the boundary at a different node. Only when equal rows would give one core more than
    /// <see cref="MaximumImbalance"/> times its share of the entries (a graph whose nodes are ordered by degree, say)
    /// are the ranges cut by entries. On Cora (49.7% of the edges in the first half of the nodes), in three
    /// alternating Stopwatch runs of 500 GCN epochs (4 MB LOH setting), the first quartile of the epoch times went
    /// from 1.58-1.96 to 1.19-1.33 ms (medians 1.75-2.11 and 1.41-2.31 ms: a busy machine); GAT was unchanged
    /// within the noise.
    /// </remarks>
    public static void ForRowRanges(int[] pointers, int rows, int width, Action<int, int> body)
    {
        long entries = pointers[rows];
        int parts = entries * width >= ParallelThreshold ? WorkSharing.HelperCount + 1 : 1;
        if (parts == 1)
        {
            body(0, rows);
            return;
        }

        var bounds = new int[parts + 1];
        bounds[parts] = rows;
        long largest = 0;
        for (int part = 1; part <= parts; part++)
        {
            if (part < parts) bounds[part] = (int)((long)rows * part / parts);
            largest = Math.Max(largest, pointers[bounds[part]] - pointers[bounds[part - 1]]);
        }

        if (largest > MaximumImbalance * entries / parts)
        {
            // Range p ends at the first row whose entries reach (p + 1) / parts of all entries.
            for (int part = 1, row = 0; part < parts; part++)
            {
                long target = entries * part / parts;
                while (row < rows && pointers[row] < target) row++;
                bounds[part] = row;
            }
        }

        WorkSharing.For(parts, part => body(bounds[part], bounds[part + 1]));
    }

    /// <summary>How much more than its share of the entries one core may get before the rows are cut by entries.</summary>
    private const double MaximumImbalance = 1.25;

    /// <summary>Row loops with at least this many multiply-adds (entries x width) use both cores.</summary>
    private const long ParallelThreshold = 1 << 16;

    private static unsafe void WeightedAggregateRange(int[] pointers, int[] sources, double[] alpha, int edges, int heads,
        int firstNode, int lastNode, double[] x, int width, double[] y)
    {
        var f = width / heads;
        fixed (double* xp = x, yp = y, ap = alpha)
        {
            for (var i = firstNode; i < lastNode; i++)
            {
                for (var e = pointers[i]; e < pointers[i + 1]; e++)
                {
                    var xj = xp + (long)sources[e] * width;
                    var yi = yp + (long)i * width;
                    if (f == 8)
                    {
                        for (var h = 0; h < heads; h++) Axpy8(ap[e + h * edges], xj + h * 8, yi + h * 8);
                    }
                    else
                    {
                        for (var h = 0; h < heads; h++) Axpy(ap[e + h * edges], xj + h * f, yi + h * f, f);
                    }
                }
            }
        }
    }

    /// <summary>
    /// dalpha[e, h] = &lt;g_i[h], x_j[h]&gt; and dx_j[h] += alpha[e, h] g_i[h] for every edge e = (j -> i); alpha and dalpha
    /// alpha head-major (column-major E x heads); dalpha the same, or edge-major (e * heads + h) when
    /// <paramref name="edgeMajorGradient"/> (the layout of the attention kernels).
    /// </summary>
    /// <remarks>
    /// Two passes, each split between cores without conflicts: dalpha by ranges of targets (each edge's entry is its
    /// own), dx by ranges of sources, each source gathering over its outgoing edges (<paramref name="outgoing"/>) in
    /// increasing edge order. That is the order in which one loop over the edges by target adds into dx_j (edges are
    /// sorted by target), so every dx_j gets the same additions in the same order whichever core does it, and the same
    /// bits as that loop, which ran on one core and was the largest part of a GAT layer's backward pass.
    /// </remarks>
    public static unsafe void WeightedAggregateBackward(int[] pointers, int[] sources, int[] targets, Graph.OutgoingEdges outgoing,
        double[] alpha, int edges, int heads, int n, double[] x, double[] g, int width, double[] dAlpha, double[] dx, bool edgeMajorGradient)
    {
        var (edgeStride, headStride) = edgeMajorGradient ? (heads, 1) : (1, edges);
        var f = width / heads;
        ForRowRanges(pointers, n, width, (first, last) =>
        {
            fixed (double* xp = x, gp = g, dap = dAlpha)
            {
                for (var i = first; i < last; i++)
                {
                    var gi = gp + (long)i * width;
                    for (var e = pointers[i]; e < pointers[i + 1]; e++)
                    {
                        var xj = xp + (long)sources[e] * width;
                        for (var h = 0; h < heads; h++) dap[e * edgeStride + h * headStride] = f == 8 ? Dot8(gi + h * 8, xj + h * 8) : Dot(gi + h * f, xj + h * f, f);
                    }
                }
            }
        });

        ForRowRanges(outgoing.Pointers, n, width, (first, last) =>
        {
            fixed (double* gp = g, dxp = dx, ap = alpha)
            {
                for (var j = first; j < last; j++)
                {
                    var dxj = dxp + (long)j * width;
                    for (var k = outgoing.Pointers[j]; k < outgoing.Pointers[j + 1]; k++)
                    {
                        var e = outgoing.Edges[k];
                        var gi = gp + (long)targets[e] * width;
                        for (var h = 0; h < heads; h++)
                        {
                            if (f == 8) Axpy8(ap[e + h * edges], gi + h * 8, dxj + h * 8);
                            else Axpy(ap[e + h * edges], gi + h * f, dxj + h * f, f);
                        }
                    }
                }
            }
        });
    }
}
