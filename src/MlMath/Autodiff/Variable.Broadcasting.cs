using System.Numerics.Tensors;

namespace MlMath.Autodiff;

// Explicit broadcasting of a row vector (one value per column, like a bias) or a column vector (one value per
// row, like a per-sample weight) across a matrix. The vector's gradient sums g over the broadcast axis.
public partial class Variable
{
    /// <summary>y_ij = x_ij + r_j for a 1 x c row vector r (a bias). Backward: dx = g, dr = g.SumPerColumn().</summary>
    /// <exception cref="ArgumentException">r is not 1 x c.</exception>
    public Variable AddRowVector(Variable row)
    {
        if (row.Rows != 1 || row.Columns != Columns) ShapeCheck.Throw("AddRowVector", $"left is {Shape}, row vector is {row.Shape}; expected 1x{Columns}.");
        // Column-major storage: column j is one contiguous span, and r_j is added to all of it.
        var x = DenseKernels.ValuesOf(Value);
        var r = DenseKernels.ValuesOf(row.Value);
        var result = DenseKernels.Uninitialized(Rows, Columns);
        for (var j = 0; j < Columns; j++)
        {
            TensorPrimitives.Add(x.AsSpan(j * Rows, Rows), r[j], result.Values.AsSpan(j * Rows, Rows));
        }

        return FromOp("AddRowVector", result, [this, row], g => [g, row.RequiresGrad ? g.SumPerColumn() : null]);
    }

    /// <summary>y_ij = x_ij + c_i for an r x 1 column vector c. Backward: dx = g, dc = g.SumPerRow().</summary>
    /// <exception cref="ArgumentException">c is not r x 1.</exception>
    public Variable AddColumnVector(Variable column)
    {
        if (column.Columns != 1 || column.Rows != Rows) ShapeCheck.Throw("AddColumnVector", $"left is {Shape}, column vector is {column.Shape}; expected {Rows}x1.");
        var x = DenseKernels.ValuesOf(Value);
        var c = DenseKernels.ValuesOf(column.Value);
        var result = DenseKernels.Uninitialized(Rows, Columns);
        for (var j = 0; j < Columns; j++)
        {
            TensorPrimitives.Add(x.AsSpan(j * Rows, Rows), c, result.Values.AsSpan(j * Rows, Rows));
        }

        return FromOp("AddColumnVector", result, [this, column], g => [g, column.RequiresGrad ? g.SumPerRow() : null]);
    }

    /// <summary>y_ij = x_ij r_j for a 1 x c row vector r (scales each column).
    /// Backward: dx = g scaled the same way, dr = (g .* x).SumPerColumn().</summary>
    /// <exception cref="ArgumentException">r is not 1 x c.</exception>
    public Variable MultiplyRowVector(Variable row)
    {
        if (row.Rows != 1 || row.Columns != Columns) ShapeCheck.Throw("MultiplyRowVector", $"left is {Shape}, row vector is {row.Shape}; expected 1x{Columns}.");
        var values = DenseKernels.ValuesOf(Value);
        var r = DenseKernels.ValuesOf(row.Value);
        var result = DenseKernels.Uninitialized(Rows, Columns);
        for (var j = 0; j < Columns; j++)
        {
            TensorPrimitives.Multiply(values.AsSpan(j * Rows, Rows), r[j], result.Values.AsSpan(j * Rows, Rows));
        }

        var x = this;
        return FromOp("MultiplyRowVector", result, [this, row], g =>
            [x.RequiresGrad ? g.MultiplyRowVector(row) : null, row.RequiresGrad ? g.PointwiseMultiply(x).SumPerColumn() : null]);
    }

    /// <summary>y_ij = x_ij c_i for an r x 1 column vector c (scales each row).
    /// Backward: dx = g scaled the same way, dc = (g .* x).SumPerRow().</summary>
    /// <exception cref="ArgumentException">c is not r x 1.</exception>
    public Variable MultiplyColumnVector(Variable column)
    {
        if (column.Columns != 1 || column.Rows != Rows) ShapeCheck.Throw("MultiplyColumnVector", $"left is {Shape}, column vector is {column.Shape}; expected {Rows}x1.");
        var values = DenseKernels.ValuesOf(Value);
        var c = DenseKernels.ValuesOf(column.Value);
        var result = DenseKernels.Uninitialized(Rows, Columns);
        for (var j = 0; j < Columns; j++)
        {
            TensorPrimitives.Multiply(values.AsSpan(j * Rows, Rows), c, result.Values.AsSpan(j * Rows, Rows));
        }

        var x = this;
        return FromOp("MultiplyColumnVector", result, [this, column], g =>
            [x.RequiresGrad ? g.MultiplyColumnVector(column) : null, column.RequiresGrad ? g.PointwiseMultiply(x).SumPerRow() : null]);
    }
}
