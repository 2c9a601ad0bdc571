using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.LinearAlgebra;

namespace MlMath.Graphs;

// Node-major Variables: a Variable of shape width x n holds the node features H^T, whose column-major storage is H
// row by row, one node's features after another. That is the layout the sparse and attention kernels work in (a
// message is one node's row), so a layer that keeps its features node-major from the sparse product through the
// attention to its output needs no layout conversion in between; one Transpose at the layer's end gives the
// n x width result its callers expect. The conversions were a third of a GAT epoch.
internal static partial class GraphOps
{
    /// <summary>Y = X^T with a cache-blocked copy (<see cref="SparseKernels.ToRowMajor"/>). Backward: dX = G^T.</summary>
    public static Variable Transpose(Variable x)
    {
        var result = DenseKernels.Uninitialized(x.Columns, x.Rows);
        SparseKernels.ToRowMajor(Values(x), x.Rows, x.Columns, result.Values); // X row by row = X^T column by column
        return Variable.FromOp("Transpose", result, [x], g => [Transpose(g)]);
    }

    /// <summary>
    /// Y^T = (S X)^T, node-major, for a constant sparse S (m x n) and a dense X (n x f): the result is f x m.
    /// Backward: dX = S^T G with G = (dY^T)^T read node-major, scattered row by row (no transpose of S is built).
    /// </summary>
    public static Variable SparseMultiplyNodeMajor(CsrMatrix s, Variable x)
    {
        var width = x.Columns;
        var xr = SparseKernels.Rent(x.Rows * width);
        SparseKernels.ToRowMajor(Values(x), x.Rows, width, xr);
        var result = DenseKernels.Uninitialized(width, s.RowCount);
        SparseKernels.Multiply(s.RowPointerArray, s.ColumnIndexArray, s.ValueArray, s.RowCount, xr, width, result.Values);
        SparseKernels.Return(xr);
        return Variable.FromOp("SparseMultiplyNodeMajor", result, [x], g =>
        {
            if (GradMode.IsEnabled) return [SparseMultiplyTransposed(s, Transpose(g))];
            var dxr = SparseKernels.Rent(s.ColumnCount * width);
            SparseKernels.MultiplyTransposed(s, Values(g), width, dxr);
            if (LeafGradientSink.TryTake(x, out var storage, out var overwrite))
            {
                // X is a weight with gradient storage of its own (a training loop): write dX there, no new matrix.
                if (overwrite) SparseKernels.ToColumnMajor(dxr, s.ColumnCount, width, storage.Values);
                else SparseKernels.AddColumnMajor(dxr, s.ColumnCount, width, storage.Values);
                SparseKernels.Return(dxr);
                return [null];
            }

            var dx = DenseKernels.Uninitialized(s.ColumnCount, width);
            SparseKernels.ToColumnMajor(dxr, s.ColumnCount, width, dx.Values);
            SparseKernels.Return(dxr);
            return [Variable.Constant(dx)];
        });
    }

    /// <summary>
    /// Y^T = (S X + b)^T for a constant sparse S (m x n), node-major in and out: X^T is f x n, the result f x m (b, a
    /// 1 x f row added to every node, optional). Backward: dX^T = (S^T G)^T, db = sum over nodes of G, with G read
    /// node-major as given; no layout conversion either way.
    /// </summary>
    public static Variable SparseMultiplyNodeMajorInput(CsrMatrix s, Variable nodeMajorX, Variable? bias)
    {
        var width = nodeMajorX.Rows;
        var result = DenseKernels.Uninitialized(width, s.RowCount);
        PropagateNodeMajor(s, nodeMajorX, bias, result.Values);
        return Variable.FromOp("SparseMultiplyNodeMajorInput", result, bias is null ? [nodeMajorX] : [nodeMajorX, bias],
            g => PropagateNodeMajorBackward(s, width, g, bias is not null));
    }

    /// <summary>
    /// Y^T = ReLU(S X + b)^T .* m, node-major as <see cref="SparseMultiplyNodeMajorInput"/>, with the inverted-dropout
    /// mask m of <see cref="ReluDropout"/>: GCN's hidden layer in training, as one op. Backward: G_z = G .* (s where
    /// y &gt; 0, else 0) (see <see cref="ReluDropout"/>), then dX^T = (S^T G_z)^T and db = sum over nodes of G_z.
    /// </summary>
    /// <remarks>The same arithmetic as <c>ReluDropout(SparseMultiplyNodeMajorInput(s, x, b))</c>, bit for bit, but
    /// the pre-activation S X + b is a pooled temporary instead of a 2708 x 16 array that the graph keeps: no backward
    /// rule reads it. Every large array a training epoch keeps costs page faults under the default GC settings
    /// (docs/benchmarks-graphs.md).</remarks>
    public static Variable PropagateReluDropoutNodeMajor(CsrMatrix s, Variable nodeMajorX, Variable? bias, double p, Random random)
    {
        var width = nodeMajorX.Rows;
        var length = width * s.RowCount;
        var z = SparseKernels.Rent(length);
        PropagateNodeMajor(s, nodeMajorX, bias, z);
        var (result, scale) = ReluDropoutForward(z, width, s.RowCount, p, random);
        SparseKernels.Return(z);

        return Variable.FromOp("PropagateReluDropoutNodeMajor", result, bias is null ? [nodeMajorX] : [nodeMajorX, bias], g =>
        {
            if (GradMode.IsEnabled) return PropagateNodeMajorBackward(s, width, ReluDropoutGradient(g, result, scale), bias is not null);
            var gz = ActivationKernels.ReluDropoutBackward(Values(g), result.Values, scale, width, s.RowCount);
            var gradients = PropagateNodeMajorBackward(s, width, Variable.Constant(gz), bias is not null);
            ReturnIfPooled(gz.Values); // read above, nowhere else
            return gradients;
        });
    }

    /// <summary>y^T = (S X + b)^T into <paramref name="y"/> (width x m, node-major), for node-major X^T (width x n).</summary>
    private static void PropagateNodeMajor(CsrMatrix s, Variable nodeMajorX, Variable? bias, double[] y) =>
        PropagateNodeMajor(s, Values(nodeMajorX), nodeMajorX.Rows, bias, y);

    /// <summary>As the overload above, for node-major X^T given as its array and row count (the width).</summary>
    private static void PropagateNodeMajor(CsrMatrix s, double[] nodeMajorX, int width, Variable? bias, double[] y)
    {
        SparseKernels.Multiply(s.RowPointerArray, s.ColumnIndexArray, s.ValueArray, s.RowCount, nodeMajorX, width, y);
        if (bias is not null) NodeKernels.AddToEveryNode(y, Values(bias), s.RowCount, width);
    }

    /// <summary>The gradients of PropagateNodeMajor's inputs for a node-major G: dX^T = (S^T G)^T and
    /// (with a bias) db = sum over nodes of G.</summary>
    private static Variable?[] PropagateNodeMajorBackward(CsrMatrix s, int width, Variable g, bool hasBias)
    {
        if (GradMode.IsEnabled)
        {
            var dx = Transpose(SparseMultiplyTransposed(s, Transpose(g)));
            return hasBias ? [dx, g.SumPerRow().Transpose()] : [dx];
        }

        var dxValues = DenseKernels.Uninitialized(width, s.ColumnCount);
        SparseKernels.MultiplyTransposed(s, Values(g), width, dxValues.Values);
        var dxConstant = Variable.Constant(dxValues);
        return hasBias ? [dxConstant, Variable.Constant(SumOverNodes(Values(g), s.RowCount, width))] : [dxConstant];
    }

    /// <summary>
    /// Y^T = (X W)^T = W^T X^T for node-major X^T (a x n) and a small weight W (a x b): y_i[j] = x_i . W[:, j], one dot
    /// product of length a per node and output (W's columns are contiguous, so are X's rows). Backward: dX^T with
    /// dx_i = sum_j g_i[j] W[:, j] (b axpys per node), dW[:, j] = sum_i g_i[j] x_i.
    /// </summary>
    /// <remarks>
    /// The engine's <c>Variable.MatMulTransposeA(W, X^T)</c> computes the same and took 0.5 ms for Cora's 64 x 2708 by
    /// 64 x 7 (its GEMM pads and packs for large blocks); this loop takes a tenth of that.
    /// </remarks>
    public static Variable LinearNodeMajor(Variable nodeMajorX, Variable w)
    {
        var (a, n, b) = (nodeMajorX.Rows, nodeMajorX.Columns, w.Columns);
        var (xv, wv) = (Values(nodeMajorX), Values(w));
        var result = DenseKernels.Uninitialized(b, n);
        NodeKernels.LinearForward(xv, wv, a, b, n, result.Values);

        return Variable.FromOp("LinearNodeMajor", result, [nodeMajorX, w], g => LinearNodeMajorBackward(nodeMajorX, w, g));
    }

    /// <summary>The gradients of <see cref="LinearNodeMajor"/>'s inputs for a node-major G (b x n).</summary>
    private static Variable?[] LinearNodeMajorBackward(Variable nodeMajorX, Variable w, Variable g)
    {
        if (GradMode.IsEnabled) return [Variable.MatMul(w, g), Variable.MatMulTransposeB(nodeMajorX, g)];
        var (a, n, b) = (nodeMajorX.Rows, nodeMajorX.Columns, w.Columns);
        var dx = DenseKernels.Zeros(a, n);
        var dw = new DenseMatrix(a, b);
        NodeKernels.LinearBackward(Values(nodeMajorX), Values(w), Values(g), a, b, n, dx.Values, dw.Values);
        return [Variable.Constant(dx), Variable.Constant(dw)];
    }

    /// <summary>
    /// A GCN layer on node-major input with an n x out result: Y = S (X W) + b for node-major X^T (a x n), W (a x out) and
    /// a constant sparse S, as one op. Backward: G_u = G^T (node-major), G_t = S^T G_u, then dX^T and dW as
    /// <see cref="LinearNodeMajor"/> with G_t, and db = sum over nodes of G_u.
    /// </summary>
    /// <remarks>The same numbers, bit for bit, as <c>Transpose(SparseMultiplyNodeMajorInput(S, LinearNodeMajor(X^T, W),
    /// b))</c> (tested), but X W and S X W + b node-major are pooled temporaries instead of two arrays the graph keeps
    /// (no backward rule reads them): with default GC settings every large array a training epoch keeps costs page
    /// faults (docs/benchmarks-graphs.md).</remarks>
    public static Variable GcnLayerFromNodeMajor(CsrMatrix s, Variable nodeMajorX, Variable w, Variable? bias)
    {
        var (a, n, width, m) = (nodeMajorX.Rows, nodeMajorX.Columns, w.Columns, s.RowCount);
        var transformed = SparseKernels.Rent(width * n);
        NodeKernels.LinearForward(Values(nodeMajorX), Values(w), a, width, n, transformed);
        var propagated = SparseKernels.Rent(width * m);
        PropagateNodeMajor(s, transformed, width, bias, propagated);
        var result = DenseKernels.Uninitialized(m, width);
        SparseKernels.ToRowMajor(propagated, width, m, result.Values); // node-major width x m, read row by row = m x width
        SparseKernels.Return(transformed);
        SparseKernels.Return(propagated);

        return Variable.FromOp("GcnLayerFromNodeMajor", result, bias is null ? [nodeMajorX, w] : [nodeMajorX, w, bias], g =>
        {
            var gu = Transpose(g);
            var propagatedGradients = PropagateNodeMajorBackward(s, width, gu, bias is not null);
            var linear = LinearNodeMajorBackward(nodeMajorX, w, propagatedGradients[0]!);
            if (!GradMode.IsEnabled)
            {
                // Both were read above and nowhere else: back to the pool.
                ReturnIfPooled(Values(gu));
                ReturnIfPooled(Values(propagatedGradients[0]!));
            }

            return bias is null ? linear : [linear[0], linear[1], propagatedGradients[1]];
        });
    }

    /// <summary>Gives a backward rule's own temporary back to the pool (when it is large enough to be pooled).</summary>
    private static void ReturnIfPooled(double[] values)
    {
        if (values.Length >= GradientBufferPool.MinimumLength) GradientBufferPool.Return(values);
    }

    /// <summary>db[c] = sum over nodes i of g[i, c] for a node-major g (width x n): the bias gradient of a node-major op.</summary>
    private static DenseMatrix SumOverNodes(double[] g, int n, int width)
    {
        var db = new DenseMatrix(1, width);
        NodeKernels.SumOverNodes(g, n, width, db.Values);
        return db;
    }
}
