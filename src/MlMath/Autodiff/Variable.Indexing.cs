using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.LinearAlgebra;

namespace MlMath.Autodiff;

// Index gather / scatter-add of rows, and products with a constant sparse matrix: the building blocks of
// message passing on graphs (gather the source node of every edge, scatter-add messages into targets).
// Gather and scatter-add are each other's adjoints.
public partial class Variable
{
    /// <summary>
    /// y_k = x_{index[k]} (row k of the result is row index[k] of x; indices may repeat).
    /// Backward: dx = ScatterAddRows(g, index, rows of x): each row of g is added back where it came from.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0 .. rows - 1.</exception>
    public Variable GatherRows(IReadOnlyList<int> index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var idx = ShapeCheck.Indices("GatherRows", nameof(index), index, Rows, "rows");
        var values = DenseKernels.ValuesOf(Value);
        var result = DenseKernels.Uninitialized(idx.Length, Columns);
        for (var j = 0; j < Columns; j++)
        {
            var source = j * Rows;
            var target = j * idx.Length;
            for (var k = 0; k < idx.Length; k++) result.Values[target + k] = values[source + idx[k]];
        }

        var rows = Rows;
        return FromOp("GatherRows", result, [this], g => [g.ScatterAddRows(idx, rows)]);
    }

    /// <summary>
    /// y = zeros(rowCount, c); y_{index[k]} += x_k for every row k of x (sum aggregation of messages).
    /// Backward: dx = GatherRows(g, index).
    /// </summary>
    /// <exception cref="ArgumentException">index has a different length than x has rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0 .. rowCount - 1.</exception>
    public Variable ScatterAddRows(IReadOnlyList<int> index, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (index.Count != Rows) ShapeCheck.Throw("ScatterAddRows", $"index has {index.Count} entries but the input is {Shape}; one index per row is needed.");
        var idx = ShapeCheck.Indices("ScatterAddRows", nameof(index), index, rowCount, "rows");
        var values = DenseKernels.ValuesOf(Value);
        var result = DenseKernels.Zeros(rowCount, Columns); // large ones from the pool (the gradient of GatherRows)
        for (var j = 0; j < Columns; j++)
        {
            var source = j * Rows;
            var target = j * rowCount;
            for (var k = 0; k < idx.Length; k++) result.Values[target + idx[k]] += values[source + k];
        }

        return FromOp("ScatterAddRows", result, [this], g => [g.GatherRows(idx)]);
    }

    /// <summary>
    /// Y = S X for a constant sparse matrix S (e.g. a normalised adjacency). Backward: dX = S^T g.
    /// </summary>
    /// <exception cref="ArgumentException">S's column count differs from X's row count.</exception>
    public static Variable SparseMultiply(CsrMatrix sparse, Variable x)
    {
        ArgumentNullException.ThrowIfNull(sparse);
        if (sparse.ColumnCount != x.Rows) ShapeCheck.Throw("SparseMultiply", $"sparse is {sparse.RowCount}x{sparse.ColumnCount}, dense is {x.Shape}.");
        return FromOp("SparseMultiply", DenseKernels.AsDense(sparse.Multiply(x.Value)), [x],
            g => [SparseMultiply(sparse.Transpose(), g)]);
    }
}
