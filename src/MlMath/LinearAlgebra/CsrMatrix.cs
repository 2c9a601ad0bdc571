using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.LinearAlgebra;

/// <summary>
/// An immutable sparse matrix in compressed sparse row (CSR) form: the nonzeros of row i are
/// <c>Values[RowPointers[i] .. RowPointers[i + 1]]</c> in columns <c>ColumnIndices[...]</c>.
/// </summary>
/// <remarks>
/// CSR is the layout of graph adjacency matrices in message passing: the product S X of an n x n adjacency
/// with an n x f feature matrix visits each stored edge once, O(nnz f) work instead of O(n^2 f).
/// MathNet's <c>SparseMatrix * DenseMatrix</c> reaches about 0.15 GFLOP/s at Cora's shapes; the plain loop in
/// <see cref="Multiply(Matrix{double})"/> over these arrays about 3 (see DESIGN.md, performance facts).
/// Reference: Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., sec. 3.4.
/// </remarks>
public sealed class CsrMatrix
{
    private readonly int[] _rowPointers;
    private readonly int[] _columnIndices;
    private readonly double[] _values;
    private CsrMatrix? _transpose;

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>Number of stored entries.</summary>
    public int NonZeroCount => _values.Length;

    /// <summary>Row i's entries are at positions RowPointers[i] (inclusive) to RowPointers[i + 1] (exclusive).</summary>
    public IReadOnlyList<int> RowPointers => _rowPointers;

    /// <summary>The column of each stored entry.</summary>
    public IReadOnlyList<int> ColumnIndices => _columnIndices;

    /// <summary>The value of each stored entry.</summary>
    public IReadOnlyList<double> Values => _values;

    private CsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, double[] values)
    {
        RowCount = rows;
        ColumnCount = columns;
        _rowPointers = rowPointers;
        _columnIndices = columnIndices;
        _values = values;
    }

    /// <summary>
    /// Wraps CSR arrays that the caller has already built (rows sorted, columns in range); they are not copied
    /// or checked. For library code that produces CSR directly (graph adjacency, dropout on stored values).
    /// </summary>
    internal static CsrMatrix FromArrays(int rows, int columns, int[] rowPointers, int[] columnIndices, double[] values) =>
        new(rows, columns, rowPointers, columnIndices, values);

    /// <summary>The same sparsity pattern with other stored values (shares the index arrays).</summary>
    internal CsrMatrix WithValues(double[] values) => new(RowCount, ColumnCount, _rowPointers, _columnIndices, values);

    /// <summary>The row pointer array itself (not a copy), for kernels.</summary>
    internal int[] RowPointerArray => _rowPointers;

    /// <summary>The column index array itself (not a copy), for kernels.</summary>
    internal int[] ColumnIndexArray => _columnIndices;

    /// <summary>The stored values array itself (not a copy), for kernels.</summary>
    internal double[] ValueArray => _values;

    /// <summary>
    /// Builds a CSR matrix from coordinate triplets (row[k], column[k], value[k]); duplicates are summed.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length, or an index is out of range.</exception>
    public static CsrMatrix FromCoordinates(int rows, int columns, IReadOnlyList<int> rowIndices,
        IReadOnlyList<int> columnIndices, IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (rowIndices.Count != columnIndices.Count || rowIndices.Count != values.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"CsrMatrix.FromCoordinates: rowIndices has {rowIndices.Count} entries, columnIndices {columnIndices.Count}, values {values.Count}; they must match."));
        }

        for (var k = 0; k < rowIndices.Count; k++)
        {
            if ((uint)rowIndices[k] >= (uint)rows || (uint)columnIndices[k] >= (uint)columns)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"CsrMatrix.FromCoordinates: entry {k} at ({rowIndices[k]}, {columnIndices[k]}) is outside a {rows}x{columns} matrix."));
            }
        }

        // Sort the entries by (row, column) with a stable sort, then merge duplicates.
        var order = Enumerable.Range(0, values.Count)
            .OrderBy(k => rowIndices[k]).ThenBy(k => columnIndices[k]).ToArray();
        var rowPointers = new int[rows + 1];
        var mergedColumns = new List<int>(values.Count);
        var mergedValues = new List<double>(values.Count);
        var lastRow = -1;
        var lastColumn = -1;
        foreach (var k in order)
        {
            if (rowIndices[k] == lastRow && columnIndices[k] == lastColumn)
            {
                mergedValues[^1] += values[k];
                continue;
            }

            lastRow = rowIndices[k];
            lastColumn = columnIndices[k];
            rowPointers[lastRow + 1]++;
            mergedColumns.Add(lastColumn);
            mergedValues.Add(values[k]);
        }

        for (var i = 0; i < rows; i++) rowPointers[i + 1] += rowPointers[i];
        return new CsrMatrix(rows, columns, rowPointers, mergedColumns.ToArray(), mergedValues.ToArray());
    }

    /// <summary>Builds a CSR matrix from the nonzero entries of any MathNet matrix.</summary>
    public static CsrMatrix FromMatrix(Matrix<double> matrix)
    {
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<double>();
        foreach (var (i, j, v) in matrix.EnumerateIndexed(Zeros.AllowSkip))
        {
            if (v == 0.0) continue;
            rows.Add(i);
            columns.Add(j);
            values.Add(v);
        }

        return FromCoordinates(matrix.RowCount, matrix.ColumnCount, rows, columns, values);
    }

    /// <summary>The transpose S^T, in CSR form (computed once and cached).</summary>
    public CsrMatrix Transpose()
    {
        if (_transpose is not null) return _transpose;
        var rows = new int[_values.Length];
        for (var i = 0; i < RowCount; i++)
        {
            for (var k = _rowPointers[i]; k < _rowPointers[i + 1]; k++) rows[k] = i;
        }

        _transpose = FromCoordinates(ColumnCount, RowCount, _columnIndices, rows, _values);
        _transpose._transpose = this;
        return _transpose;
    }

    /// <summary>The dense product Y = S X: Y[i, :] = sum over stored (i, j) of S[i, j] X[j, :].</summary>
    /// <exception cref="ArgumentException">X does not have <see cref="ColumnCount"/> rows.</exception>
    public Matrix<double> Multiply(Matrix<double> x)
    {
        if (x.RowCount != ColumnCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"CsrMatrix.Multiply: sparse is {RowCount}x{ColumnCount}, dense is {x.RowCount}x{x.ColumnCount}."), nameof(x));
        }

        var source = x as DenseMatrix ?? DenseMatrix.OfMatrix(x);
        var input = source.Values;
        var result = new DenseMatrix(RowCount, x.ColumnCount);
        var output = result.Values;
        // Column-major storage: column c of X starts at c * X.RowCount; loop columns outermost so that
        // the inner loop reads one contiguous column.
        for (var c = 0; c < x.ColumnCount; c++)
        {
            var inOffset = c * x.RowCount;
            var outOffset = c * RowCount;
            for (var i = 0; i < RowCount; i++)
            {
                var sum = 0.0;
                for (var k = _rowPointers[i]; k < _rowPointers[i + 1]; k++)
                {
                    sum += _values[k] * input[inOffset + _columnIndices[k]];
                }

                output[outOffset + i] = sum;
            }
        }

        return result;
    }

    /// <summary>A dense copy (for tests and small examples).</summary>
    public Matrix<double> ToDense()
    {
        var dense = new DenseMatrix(RowCount, ColumnCount);
        for (var i = 0; i < RowCount; i++)
        {
            for (var k = _rowPointers[i]; k < _rowPointers[i + 1]; k++) dense[i, _columnIndices[k]] += _values[k];
        }

        return dense;
    }
}
