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
            Array.Clear(dxr, 0, s.ColumnCount * width);
            SparseKernels.MultiplyTransposedAdd(s.RowPointerArray, s.ColumnIndexArray, s.ValueArray, s.RowCount, Values(g), width, dxr);
            var dx = DenseKernels.Uninitialized(s.ColumnCount, width);
            SparseKernels.ToColumnMajor(dxr, s.ColumnCount, width, dx.Values);
            SparseKernels.Return(dxr);
            return [Variable.Constant(dx)];
        });
    }

    /// <summary>db[c] = sum over nodes i of g[i, c] for a node-major g (width x n): the bias gradient of a node-major op.</summary>
    private static DenseMatrix SumOverNodes(double[] g, int n, int width)
    {
        var db = new DenseMatrix(1, width);
        for (var i = 0; i < n; i++) SparseKernels.Add(g.AsSpan(i * width, width), db.Values);
        return db;
    }
}
