using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Autodiff;

// Reductions (sum, mean, max) and their adjoints, the broadcasts. Summing over an axis and copying along it
// are each other's backward rules: d/dx sum_j x_j = 1 for every j, so the gradient is copied back.
// Storage is column-major: column j of an r x c matrix is values[j*r .. j*r + r - 1].
public partial class Variable
{
    /// <summary>Sum of all entries, a 1x1 Variable. Backward: every entry gets g.</summary>
    public Variable Sum()
    {
        var rows = Rows;
        var columns = Columns;
        return FromOp("Sum", DenseMatrix.Create(1, 1, TensorPrimitives.Sum<double>(DenseKernels.ValuesOf(Value))), [this],
            g => [g.BroadcastScalar(rows, columns)]);
    }

    /// <summary>Sum of each row: an r x 1 column, y_i = sum_j x_ij. Backward: g copied along each row.</summary>
    public Variable SumPerRow()
    {
        var values = DenseKernels.ValuesOf(Value);
        var result = new DenseMatrix(Rows, 1);
        for (var j = 0; j < Columns; j++)
        {
            TensorPrimitives.Add(result.Values, values.AsSpan(j * Rows, Rows), result.Values);
        }

        var columns = Columns;
        return FromOp("SumPerRow", result, [this], g => [g.BroadcastColumn(columns)]);
    }

    /// <summary>Sum of each column: a 1 x c row, y_j = sum_i x_ij. Backward: g copied down each column.</summary>
    public Variable SumPerColumn()
    {
        var values = DenseKernels.ValuesOf(Value);
        var result = new DenseMatrix(1, Columns);
        for (var j = 0; j < Columns; j++) result.Values[j] = TensorPrimitives.Sum<double>(values.AsSpan(j * Rows, Rows));
        var rows = Rows;
        return FromOp("SumPerColumn", result, [this], g => [g.BroadcastRow(rows)]);
    }

    /// <summary>Mean of all entries (1x1): Sum / (rows * columns).</summary>
    public Variable Mean() => Sum().MultiplyScalar(1.0 / (Rows * Columns));

    /// <summary>Mean of each row (r x 1): SumPerRow / columns.</summary>
    public Variable MeanPerRow() => SumPerRow().MultiplyScalar(1.0 / Columns);

    /// <summary>Mean of each column (1 x c): SumPerColumn / rows.</summary>
    public Variable MeanPerColumn() => SumPerColumn().MultiplyScalar(1.0 / Rows);

    /// <summary>Copies a 1x1 Variable into every entry of a rows x columns one. Backward: g.Sum().</summary>
    /// <exception cref="ArgumentException">This Variable is not 1x1.</exception>
    public Variable BroadcastScalar(int rows, int columns)
    {
        if (Rows != 1 || Columns != 1) ShapeCheck.Throw("BroadcastScalar", $"input is {Shape}, not 1x1.");
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        return FromOp("BroadcastScalar", DenseKernels.Filled(rows, columns, Value[0, 0]), [this], g => [g.Sum()]);
    }

    /// <summary>Repeats a 1 x c row vector as each of <paramref name="rows"/> rows. Backward: g.SumPerColumn().</summary>
    /// <exception cref="ArgumentException">This Variable is not a row vector.</exception>
    public Variable BroadcastRow(int rows)
    {
        if (Rows != 1) ShapeCheck.Throw("BroadcastRow", $"input is {Shape}, not a 1 x c row vector.");
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var result = DenseKernels.Uninitialized(rows, Columns);
        var row = DenseKernels.ValuesOf(Value);
        for (var j = 0; j < Columns; j++) result.Values.AsSpan(j * rows, rows).Fill(row[j]);
        return FromOp("BroadcastRow", result, [this], g => [g.SumPerColumn()]);
    }

    /// <summary>Repeats an r x 1 column vector as each of <paramref name="columns"/> columns. Backward: g.SumPerRow().</summary>
    /// <exception cref="ArgumentException">This Variable is not a column vector.</exception>
    public Variable BroadcastColumn(int columns)
    {
        if (Columns != 1) ShapeCheck.Throw("BroadcastColumn", $"input is {Shape}, not an r x 1 column vector.");
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        var result = DenseKernels.Uninitialized(Rows, columns);
        var column = DenseKernels.ValuesOf(Value);
        for (var j = 0; j < columns; j++) column.CopyTo(result.Values, j * Rows);
        return FromOp("BroadcastColumn", result, [this], g => [g.SumPerRow()]);
    }

    /// <summary>The largest entry of each row, an r x 1 column. Backward: g goes to the position of the
    /// maximum (the first one on ties), zero elsewhere (a subgradient).</summary>
    /// <exception cref="ArgumentException">The Variable has no columns.</exception>
    public Variable MaxPerRow()
    {
        if (Columns == 0) ShapeCheck.Throw("MaxPerRow", $"input is {Shape}: a row with no entries has no maximum.");
        var values = DenseKernels.ValuesOf(Value);
        var result = new DenseMatrix(Rows, 1);
        var argmax = new int[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var best = values[i];
            for (var j = 1; j < Columns; j++)
            {
                var v = values[i + j * Rows];
                if (v > best || double.IsNaN(v)) { best = v; argmax[i] = j; if (double.IsNaN(v)) break; }
            }

            result.Values[i] = best;
        }

        var (rows, columns) = (Rows, Columns);
        return FromOp("MaxPerRow", result, [this], g =>
        {
            var mask = new DenseMatrix(rows, columns);
            for (var i = 0; i < rows; i++) mask.Values[i + argmax[i] * rows] = 1.0;
            return [Constant(mask).PointwiseMultiply(g.BroadcastColumn(columns))];
        });
    }
}
