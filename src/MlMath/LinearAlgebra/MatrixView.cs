namespace MlMath.LinearAlgebra;

/// <summary>
/// A read-only window onto a matrix stored in a pinned <c>double</c> buffer, where element (i, j) sits
/// at <c>Data[i * RowStride + j * ColumnStride]</c>.
/// </summary>
/// <remarks>
/// Strides let one kernel read a matrix and its transpose without copying anything:
/// a column-major m x n matrix has <c>RowStride = 1, ColumnStride = m</c>; its transpose is the same buffer
/// read with the two strides swapped. A block of rows or columns is the same buffer with a moved
/// <c>Data</c> pointer (see <see cref="Block"/>). The caller must keep the buffer pinned while a view is used.
/// </remarks>
internal readonly unsafe struct MatrixView
{
    public MatrixView(double* data, int rows, int columns, nint rowStride, nint columnStride)
    {
        Data = data;
        Rows = rows;
        Columns = columns;
        RowStride = rowStride;
        ColumnStride = columnStride;
    }

    public double* Data { get; }

    public int Rows { get; }

    public int Columns { get; }

    public nint RowStride { get; }

    public nint ColumnStride { get; }

    /// <summary>A view of a column-major <paramref name="rows"/> x <paramref name="columns"/> buffer.</summary>
    public static MatrixView ColumnMajor(double* data, int rows, int columns) =>
        new(data, rows, columns, 1, rows);

    /// <summary>The same elements read as the transpose: (i, j) of the result is (j, i) of this.</summary>
    public MatrixView Transposed() => new(Data, Columns, Rows, ColumnStride, RowStride);

    /// <summary>The sub-matrix of <paramref name="rowCount"/> rows and <paramref name="columnCount"/> columns starting at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public MatrixView Block(int row, int column, int rowCount, int columnCount) =>
        new(Data + (row * RowStride) + (column * ColumnStride), rowCount, columnCount, RowStride, ColumnStride);

    /// <summary>Element (i, j).</summary>
    public double this[int i, int j] => Data[(i * RowStride) + (j * ColumnStride)];
}
