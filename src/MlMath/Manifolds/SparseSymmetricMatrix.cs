namespace MlMath.Manifolds;

/// <summary>
/// A sparse symmetric n x n matrix with both triangles stored in compressed sparse row form, built by
/// accumulating entries row by row (duplicates summed). Internal: the LLE and Laplacian matrices.
/// </summary>
internal sealed class SparseSymmetricMatrix
{
    internal SparseSymmetricMatrix(int n, int[] offsets, int[] columns, double[] values)
    {
        Size = n;
        Offsets = offsets;
        Columns = columns;
        Values = values;
    }

    internal int Size { get; }

    internal int[] Offsets { get; }

    internal int[] Columns { get; }

    internal double[] Values { get; }

    /// <summary>Builds the matrix from per-row (column, value) lists; each list is sorted and duplicates are summed. The caller guarantees symmetry.</summary>
    internal static SparseSymmetricMatrix FromRows(List<(int Column, double Value)>[] rows)
    {
        var n = rows.Length;
        var offsets = new int[n + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (var i = 0; i < n; i++)
        {
            rows[i].Sort((a, b) => a.Column.CompareTo(b.Column));
            var last = -1;
            foreach (var (column, value) in rows[i])
            {
                if (column == last)
                {
                    values[^1] += value;
                    continue;
                }

                last = column;
                columns.Add(column);
                values.Add(value);
            }

            offsets[i + 1] = columns.Count;
        }

        return new SparseSymmetricMatrix(n, offsets, columns.ToArray(), values.ToArray());
    }

    /// <summary>Builds the matrix from rows whose columns are already sorted and distinct.</summary>
    internal static SparseSymmetricMatrix FromCsrRows(int[][] columns, double[][] values)
    {
        var n = columns.Length;
        var offsets = new int[n + 1];
        for (var i = 0; i < n; i++) offsets[i + 1] = offsets[i] + columns[i].Length;
        var allColumns = new int[offsets[n]];
        var allValues = new double[offsets[n]];
        for (var i = 0; i < n; i++)
        {
            columns[i].CopyTo(allColumns, offsets[i]);
            values[i].CopyTo(allValues, offsets[i]);
        }

        return new SparseSymmetricMatrix(n, offsets, allColumns, allValues);
    }

    /// <summary>
    /// A + A^T for the sparse A with k entries per row: A[i, indices[i k + r]] = values[i k + r]. Row i of the sum
    /// gathers its own entries and, through a reverse index, the entries (j, i) of the rows that point at i.
    /// </summary>
    internal static SparseSymmetricMatrix SymmetrizedSum(int[] indices, double[] values, int n, int k)
    {
        var reverseStart = new int[n + 1];
        foreach (var j in indices) reverseStart[j + 1]++;
        for (var i = 0; i < n; i++) reverseStart[i + 1] += reverseStart[i];
        var reverse = new int[indices.Length];
        var fill = reverseStart[..n];
        for (var t = 0; t < indices.Length; t++) reverse[fill[indices[t]]++] = t;

        var rowColumns = new int[n][];
        var rowValues = new double[n][];
        Parallel.For(0, n, () => (Sum: new double[n], Seen: new bool[n], Columns: new List<int>()), (i, _, scratch) =>
        {
            var (sum, seen, columns) = scratch;
            for (var t = i * k; t < (i + 1) * k; t++) Add(indices[t], values[t]);
            for (var s = reverseStart[i]; s < reverseStart[i + 1]; s++) Add(reverse[s] / k, values[reverse[s]]);
            columns.Sort();
            rowColumns[i] = columns.ToArray();
            rowValues[i] = new double[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                rowValues[i][c] = sum[columns[c]];
                sum[columns[c]] = 0;
                seen[columns[c]] = false;
            }

            columns.Clear();
            return scratch;

            void Add(int column, double value)
            {
                if (!seen[column])
                {
                    seen[column] = true;
                    columns.Add(column);
                }

                sum[column] += value;
            }
        }, _ => { });
        return FromCsrRows(rowColumns, rowValues);
    }

    /// <summary>y = A x.</summary>
    internal void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < Size; i++)
        {
            var sum = 0.0;
            for (var k = Offsets[i]; k < Offsets[i + 1]; k++) sum += Values[k] * x[Columns[k]];
            y[i] = sum;
        }
    }

    /// <summary>The largest absolute diagonal entry (a scale for shifts).</summary>
    internal double MaxAbsDiagonal()
    {
        var max = 0.0;
        for (var i = 0; i < Size; i++)
        {
            for (var k = Offsets[i]; k < Offsets[i + 1]; k++)
            {
                if (Columns[k] == i) max = Math.Max(max, Math.Abs(Values[k]));
            }
        }

        return max;
    }

    /// <summary>A dense copy (tests).</summary>
    internal double[,] ToArray()
    {
        var a = new double[Size, Size];
        for (var i = 0; i < Size; i++)
        {
            for (var k = Offsets[i]; k < Offsets[i + 1]; k++) a[i, Columns[k]] += Values[k];
        }

        return a;
    }
}
