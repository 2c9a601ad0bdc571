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
        var result = DenseKernels.Uninitialized(x.Columns, s.RowCount);
        SparseMultiplyNodeMajorInto(s, x, result.Values);
        return Variable.FromOp("SparseMultiplyNodeMajor", result, [x], g =>
            [GradMode.IsEnabled ? SparseMultiplyTransposed(s, Transpose(g)) : SparseFeaturesWeightGradient(s, x, Values(g))]);
    }

    /// <summary>Y^T = (S X)^T into <paramref name="y"/> (width x m, node-major) for a sparse S and a dense X (n x width).</summary>
    private static void SparseMultiplyNodeMajorInto(CsrMatrix s, Variable x, double[] y)
    {
        var width = x.Columns;
        var xr = SparseKernels.Rent(x.Rows * width);
        SparseKernels.ToRowMajor(Values(x), x.Rows, width, xr);
        SparseKernels.Multiply(s.RowPointerArray, s.ColumnIndexArray, s.ValueArray, s.RowCount, xr, width, y);
        SparseKernels.Return(xr);
    }

    /// <summary>
    /// dX = S^T G for a sparse S (m x n) and a node-major G (width x m), scattered row by row: written into X's own
    /// gradient storage when the pass offers it (X is a weight in a training loop; <see cref="LeafGradientSink"/>, and
    /// null is returned), else into a new matrix.
    /// </summary>
    private static Variable? SparseFeaturesWeightGradient(CsrMatrix s, Variable x, double[] nodeMajorG)
    {
        var width = x.Columns;
        var dxr = SparseKernels.Rent(s.ColumnCount * width);
        SparseKernels.MultiplyTransposed(s, nodeMajorG, width, dxr);
        Variable? result = null;
        if (LeafGradientSink.TryTake(x, out var storage, out var overwrite))
        {
            if (overwrite) SparseKernels.ToColumnMajor(dxr, s.ColumnCount, width, storage.Values);
            else SparseKernels.AddColumnMajor(dxr, s.ColumnCount, width, storage.Values);
        }
        else
        {
            var dx = DenseKernels.Uninitialized(s.ColumnCount, width);
            SparseKernels.ToColumnMajor(dxr, s.ColumnCount, width, dx.Values);
            result = Variable.Constant(dx);
        }

        SparseKernels.Return(dxr);
        return result;
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
    /// GCN's hidden layer in training, node-major, as one op: Y^T = (ReLU(S (X W) + b) .* m)^T for a constant sparse S
    /// (m x n), sparse features X (n x a), a weight W (a x width) and the inverted-dropout mask m of
    /// <see cref="ReluDropout"/>. Backward: G_z = G .* (s where y &gt; 0, else 0) (see <see cref="ReluDropout"/>),
    /// G_t = S^T G_z (node-major), dW = X^T G_t, db = sum over nodes of G_z.
    /// </summary>
    /// <remarks>The same numbers, bit for bit, as <c>ReluDropout(SparseMultiplyNodeMajorInput(S,
    /// SparseMultiplyNodeMajor(X, W), b))</c> (tested), but X W and the pre-activation are pooled temporaries instead of
    /// two 2708 x 16 arrays that the graph keeps (no backward rule reads them): with default GC settings every large
    /// array a training epoch keeps costs page faults (docs/benchmarks-graphs.md).</remarks>
    public static Variable GcnHiddenLayerNodeMajor(CsrMatrix s, CsrMatrix x, Variable weight, Variable? bias, double p, Random random)
    {
        var (width, m) = (weight.Columns, s.RowCount);
        var transformed = SparseKernels.Rent(width * x.RowCount);
        SparseMultiplyNodeMajorInto(x, weight, transformed);
        var z = SparseKernels.Rent(width * m);
        PropagateNodeMajor(s, transformed, width, bias, z);
        var (result, scale) = ReluDropoutForward(z, width, m, p, random);
        SparseKernels.Return(transformed);
        SparseKernels.Return(z);

        return Variable.FromOp("GcnHiddenLayerNodeMajor", result, bias is null ? [weight] : [weight, bias], g =>
        {
            if (GradMode.IsEnabled)
            {
                var propagated = PropagateNodeMajorBackward(s, width, ReluDropoutGradient(g, result, scale), bias is not null);
                var dw = SparseMultiplyTransposed(x, Transpose(propagated[0]!));
                return bias is null ? [dw] : [dw, propagated[1]];
            }

            var gz = ActivationKernels.ReluDropoutBackward(Values(g), result.Values, scale, width, m);
            var propagatedPlain = PropagateNodeMajorBackward(s, width, Variable.Constant(gz), bias is not null);
            var weightGradient = SparseFeaturesWeightGradient(x, weight, Values(propagatedPlain[0]!));
            ReturnIfPooled(gz.Values); // both read above and nowhere else
            ReturnIfPooled(Values(propagatedPlain[0]!));
            return bias is null ? [weightGradient] : [weightGradient, propagatedPlain[1]];
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
        if (nodeMajorX.Rows != w.Rows) ShapeCheck.Throw("LinearNodeMajor", $"node-major features are {nodeMajorX.Shape}, weight is {w.Shape}; the weight needs one row per feature.");
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
