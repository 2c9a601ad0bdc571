using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Autodiff;

// Operations that move entries around without arithmetic: transpose, concatenation, slicing.
public partial class Variable
{
    /// <summary>The transpose A^T. Backward: dA = g^T.</summary>
    public Variable Transpose() =>
        FromOp("Transpose", DenseKernels.AsDense(Value.Transpose()), [this], g => [g.Transpose()]);

    /// <summary>Stacks Variables with equal column counts on top of each other. Backward: slices of g.</summary>
    /// <exception cref="ArgumentException">No parts, or the column counts differ.</exception>
    public static Variable ConcatRows(params Variable[] parts)
    {
        if (parts.Length == 0) ShapeCheck.Throw("ConcatRows", "needs at least one part.");
        var columns = parts[0].Columns;
        var rows = 0;
        foreach (var part in parts)
        {
            if (part.Columns != columns) ShapeCheck.Throw("ConcatRows", $"parts are {string.Join(", ", parts.Select(p => p.Shape))}; all must have {columns} columns.");
            rows += part.Rows;
        }

        var result = new DenseMatrix(rows, columns);
        var offset = 0;
        foreach (var part in parts)
        {
            result.SetSubMatrix(offset, 0, part.Value);
            offset += part.Rows;
        }

        return FromOp("ConcatRows", result, parts, g =>
        {
            var grads = new Variable?[parts.Length];
            var start = 0;
            for (var p = 0; p < parts.Length; p++)
            {
                if (parts[p].RequiresGrad) grads[p] = g.SliceRows(start, parts[p].Rows);
                start += parts[p].Rows;
            }

            return grads;
        });
    }

    /// <summary>Places Variables with equal row counts side by side. Backward: slices of g.</summary>
    /// <exception cref="ArgumentException">No parts, or the row counts differ.</exception>
    public static Variable ConcatColumns(params Variable[] parts)
    {
        if (parts.Length == 0) ShapeCheck.Throw("ConcatColumns", "needs at least one part.");
        var rows = parts[0].Rows;
        var columns = 0;
        foreach (var part in parts)
        {
            if (part.Rows != rows) ShapeCheck.Throw("ConcatColumns", $"parts are {string.Join(", ", parts.Select(p => p.Shape))}; all must have {rows} rows.");
            columns += part.Columns;
        }

        // Column-major storage: the parts' arrays are contiguous blocks of the result's array.
        var result = new DenseMatrix(rows, columns);
        var offset = 0;
        foreach (var part in parts)
        {
            var values = DenseKernels.ValuesOf(part.Value);
            Array.Copy(values, 0, result.Values, offset, values.Length);
            offset += values.Length;
        }

        return FromOp("ConcatColumns", result, parts, g =>
        {
            var grads = new Variable?[parts.Length];
            var start = 0;
            for (var p = 0; p < parts.Length; p++)
            {
                if (parts[p].RequiresGrad) grads[p] = g.SliceColumns(start, parts[p].Columns);
                start += parts[p].Columns;
            }

            return grads;
        });
    }

    /// <summary>Rows start .. start + count - 1. Backward: g placed back among zero rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the Variable.</exception>
    public Variable SliceRows(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(start),
                $"SliceRows: rows {start}..{start + count - 1} (start {start}, count {count}) are not inside a {Shape} Variable.");
        }

        var input = this;
        return FromOp("SliceRows", DenseKernels.AsDense(Value.SubMatrix(start, count, 0, Columns)), [this],
            g => [ConcatRows(ZeroParts(start, input.Columns, g, Rows - start - count, rowsFirst: true))]);
    }

    /// <summary>Columns start .. start + count - 1. Backward: g placed back among zero columns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the Variable.</exception>
    public Variable SliceColumns(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(start),
                $"SliceColumns: columns {start}..{start + count - 1} (start {start}, count {count}) are not inside a {Shape} Variable.");
        }

        var input = this;
        return FromOp("SliceColumns", DenseKernels.AsDense(Value.SubMatrix(0, Rows, start, count)), [this],
            g => [ConcatColumns(ZeroParts(start, input.Rows, g, Columns - start - count, rowsFirst: false))]);
    }

    /// <summary>[zeros(before), middle, zeros(after)] along rows or columns, skipping empty blocks.</summary>
    private static Variable[] ZeroParts(int before, int across, Variable middle, int after, bool rowsFirst)
    {
        var parts = new List<Variable>(3);
        if (before > 0) parts.Add(Constant(rowsFirst ? new DenseMatrix(before, across) : new DenseMatrix(across, before)));
        parts.Add(middle);
        if (after > 0) parts.Add(Constant(rowsFirst ? new DenseMatrix(after, across) : new DenseMatrix(across, after)));
        return [.. parts];
    }
}
