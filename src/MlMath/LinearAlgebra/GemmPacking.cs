namespace MlMath.LinearAlgebra;

/// <summary>
/// Copies blocks of the two factors into the order in which the micro-kernel reads them ("packing").
/// </summary>
/// <remarks>
/// <para>
/// Why pack? The micro-kernel (see <see cref="GemmMicroKernels"/>) multiplies an MR x kc sliver of A by a
/// kc x NR sliver of B. In the original storage those slivers are scattered: a column-major A has its MR
/// rows contiguous but jumps a whole column between k steps, and B's NR columns are NR far-apart streams.
/// Packing copies each sliver into one contiguous run, in exactly the order the kernel consumes it, so the
/// kernel reads memory strictly forwards (the hardware prefetcher loves this), touches few cache lines and
/// few TLB pages, and never needs a bounds test. The copy costs O(mk + kn) against the O(mnk) product.
/// </para>
/// <para>
/// Packing is also where edges and transposes are dealt with: a sliver shorter than MR (or NR) is padded
/// with zeros, so the kernel always computes a full tile; and because the source is read through a
/// <see cref="MatrixView"/> with arbitrary strides, A^T or B^T is packed straight from the untransposed
/// buffer. The fast case (consecutive elements of a sliver's line are adjacent in memory) is copied with a
/// span copy; any other layout goes element by element.
/// </para>
/// </remarks>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs an mc x kc block of A into micro-panels of <paramref name="mr"/> rows: panel r holds, for
    /// p = 0..kc-1, the mr values A[r*mr .. r*mr+mr-1, p] one after another (zero where past the last row).
    /// </summary>
    public static void PackA(MatrixView a, double* destination, int mr)
    {
        int mc = a.Rows, kc = a.Columns;
        for (int i0 = 0; i0 < mc; i0 += mr)
        {
            int rows = Math.Min(mr, mc - i0);
            double* panel = destination + ((nint)i0 * kc);
            if (a.RowStride == 1)
            {
                // Column-major A: the rows i0..i0+rows-1 of column p are adjacent, copy them as one run.
                for (int p = 0; p < kc; p++)
                {
                    var line = new Span<double>(panel + ((nint)p * mr), mr);
                    new ReadOnlySpan<double>(a.Data + i0 + (p * a.ColumnStride), rows).CopyTo(line);
                    line[rows..].Clear();
                }
            }
            else
            {
                // Any other layout (e.g. A read as a transpose): walk each row, which is contiguous for A^T.
                for (int i = 0; i < rows; i++)
                {
                    double* source = a.Data + ((i0 + i) * a.RowStride);
                    for (int p = 0; p < kc; p++)
                    {
                        panel[((nint)p * mr) + i] = source[p * a.ColumnStride];
                    }
                }

                ZeroPad(panel, kc, mr, rows);
            }
        }
    }

    /// <summary>
    /// Packs a kc x nc block of B into micro-panels of <paramref name="nr"/> columns: panel s holds, for
    /// p = 0..kc-1, the nr values B[p, s*nr .. s*nr+nr-1] one after another (zero where past the last column).
    /// </summary>
    public static void PackB(MatrixView b, double* destination, int nr)
    {
        int kc = b.Rows, nc = b.Columns;
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int columns = Math.Min(nr, nc - j0);
            double* panel = destination + ((nint)j0 * kc);
            if (b.ColumnStride == 1)
            {
                // B read as a transpose: the columns j0..j0+columns-1 of row p are adjacent.
                for (int p = 0; p < kc; p++)
                {
                    var line = new Span<double>(panel + ((nint)p * nr), nr);
                    new ReadOnlySpan<double>(b.Data + j0 + (p * b.RowStride), columns).CopyTo(line);
                    line[columns..].Clear();
                }
            }
            else
            {
                // Column-major B: step down the nr columns together, writing each packed line in order.
                double* source = b.Data + (j0 * b.ColumnStride);
                for (int p = 0; p < kc; p++)
                {
                    double* line = panel + ((nint)p * nr);
                    double* row = source + (p * b.RowStride);
                    for (int j = 0; j < columns; j++)
                    {
                        line[j] = row[j * b.ColumnStride];
                    }
                }

                ZeroPad(panel, kc, nr, columns);
            }
        }
    }

    /// <summary>Sets entries <paramref name="used"/>..<paramref name="width"/>-1 of each of the <paramref name="kc"/> lines of a panel to zero.</summary>
    private static void ZeroPad(double* panel, int kc, int width, int used)
    {
        if (used == width)
        {
            return;
        }

        for (int p = 0; p < kc; p++)
        {
            new Span<double>(panel + ((nint)p * width) + used, width - used).Clear();
        }
    }
}
