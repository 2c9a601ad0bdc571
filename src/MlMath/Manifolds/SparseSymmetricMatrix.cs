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
