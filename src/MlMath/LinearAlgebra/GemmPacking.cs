using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
/// buffer. Two layouts occur:
/// </para>
/// <list type="bullet">
/// <item>A sliver's line is contiguous in the source (column-major A, or B read as a transpose): each line
/// is one short copy.</item>
/// <item>A sliver's line is spread over MR (or NR) columns of the source (A read as a transpose, or a
/// column-major B): packing is then a transpose. Element by element that is one scattered store per number
/// and cost a third of a 128 x 64 x 64 product's time on this project's machine (11 of 29 us for X^T G, the
/// weight gradient of a 64-unit layer); with AVX it goes 4 x 4 blocks at a time (see
/// <see cref="Transpose4x4"/>), several times faster.</item>
/// </list>
/// </remarks>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs an mc x kc block of A into micro-panels of <paramref name="mr"/> rows: panel r holds, for
    /// p = 0..kc-1, the mr values A[r*mr .. r*mr+mr-1, p] one after another (zero where past the last row).
    /// </summary>
    /// <param name="a">The block.</param>
    /// <param name="destination">Room for ceil(mc / mr) * mr * kc doubles.</param>
    /// <param name="mr">Rows per micro-panel (the kernel's MR).</param>
    /// <param name="useBlocks">Whether transposes may use the AVX 4 x 4 blocks (tests turn it off to check the plain loop).</param>
    public static void PackA(MatrixView a, double* destination, int mr, bool useBlocks = true)
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
                    CopyLine(a.Data + i0 + (p * a.ColumnStride), panel + ((nint)p * mr), rows, mr);
                }
            }
            else
            {
                // Any other layout (e.g. A read as a transpose): line p gathers element p of `rows` source rows.
                // Panel entry (p, i) is A[i0 + i, p]: the transpose of the rows x kc source block.
                TransposeInto(a.Data + (i0 * a.RowStride), a.RowStride, a.ColumnStride, rows, kc, panel, mr, useBlocks);
            }
        }
    }

    /// <summary>
    /// Packs a kc x nc block of B into micro-panels of <paramref name="nr"/> columns: panel s holds, for
    /// p = 0..kc-1, the nr values B[p, s*nr .. s*nr+nr-1] one after another (zero where past the last column).
    /// </summary>
    /// <param name="b">The block.</param>
    /// <param name="destination">Room for ceil(nc / nr) * nr * kc doubles.</param>
    /// <param name="nr">Columns per micro-panel (the kernel's NR).</param>
    /// <param name="useBlocks">Whether transposes may use the AVX 4 x 4 blocks (tests turn it off to check the plain loop).</param>
    public static void PackB(MatrixView b, double* destination, int nr, bool useBlocks = true)
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
                    CopyLine(b.Data + j0 + (p * b.RowStride), panel + ((nint)p * nr), columns, nr);
                }
            }
            else
            {
                // Column-major B: line p gathers row p of `columns` source columns. Panel entry (p, j) is
                // B[p, j0 + j]: the transpose of the columns x kc block that B^T is there.
                TransposeInto(b.Data + (j0 * b.ColumnStride), b.ColumnStride, b.RowStride, columns, kc, panel, nr, useBlocks);
            }
        }
    }

    /// <summary>
    /// panel[p * width + i] = source[i * lineStride + p * step] for i &lt; <paramref name="count"/>, p &lt;
    /// <paramref name="length"/>, and zero for count &lt;= i &lt; width: <paramref name="count"/> source lines of
    /// <paramref name="length"/> numbers written across a panel <paramref name="width"/> wide.
    /// </summary>
    private static void TransposeInto(double* source, nint lineStride, nint step, int count, int length, double* panel, int width, bool useBlocks)
    {
        int i = 0, p = 0;
        if (useBlocks && step == 1 && Avx.IsSupported)
        {
            // Whole 4 x 4 blocks: four source lines (contiguous, step 1) at a time, four numbers along them.
            int wholeLength = length & ~3;
            for (; i + 4 <= count; i += 4)
            {
                for (p = 0; p < wholeLength; p += 4)
                {
                    Transpose4x4(source + (i * lineStride) + p, lineStride, panel + ((nint)p * width) + i, width);
                }
            }

            // The last 1-3 numbers of every line handled so far go one by one below, with any lines left.
            for (int line = 0; line < i; line++)
            {
                for (int q = wholeLength; q < length; q++) panel[((nint)q * width) + line] = source[(line * lineStride) + q];
            }
        }

        for (; i < count; i++)
        {
            double* from = source + (i * lineStride);
            for (p = 0; p < length; p++) panel[((nint)p * width) + i] = from[p * step];
        }

        ZeroPad(panel, length, width, count);
    }

    /// <summary>
    /// Writes the transpose of the 4 x 4 block whose rows start at s, s + ld, s + 2 ld, s + 3 ld (four
    /// adjacent numbers each) to d, d + dStride, d + 2 dStride, d + 3 dStride: d[q dStride + r] = s[r ld + q].
    /// </summary>
    /// <remarks>
    /// Four loads, eight shuffles, four stores for 16 numbers. Pairs first (unpack: lanes 0 and 2 of two rows
    /// interleaved, then lanes 1 and 3), then halves (each 128-bit half of a result comes from a different pair):
    /// <code>
    /// r0 = a0 a1 a2 a3         t0 = a0 b0 a2 b2    t1 = a1 b1 a3 b3         c0 = a0 b0 c0 d0
    /// r1 = b0 b1 b2 b3   -->   t2 = c0 d0 c2 d2    t3 = c1 d1 c3 d3   -->   c1 = a1 b1 c1 d1 ...
    /// </code>
    /// </remarks>
    private static void Transpose4x4(double* s, nint ld, double* d, nint dStride)
    {
        var r0 = Avx.LoadVector256(s);
        var r1 = Avx.LoadVector256(s + ld);
        var r2 = Avx.LoadVector256(s + (2 * ld));
        var r3 = Avx.LoadVector256(s + (3 * ld));
        var t0 = Avx.UnpackLow(r0, r1);  // r0[0] r1[0] r0[2] r1[2]
        var t1 = Avx.UnpackHigh(r0, r1); // r0[1] r1[1] r0[3] r1[3]
        var t2 = Avx.UnpackLow(r2, r3);  // r2[0] r3[0] r2[2] r3[2]
        var t3 = Avx.UnpackHigh(r2, r3); // r2[1] r3[1] r2[3] r3[3]
        Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));                 // low halves:  column 0 of the block
        Avx.Store(d + dStride, Avx.Permute2x128(t1, t3, 0x20));       //              column 1
        Avx.Store(d + (2 * dStride), Avx.Permute2x128(t0, t2, 0x31)); // high halves: column 2
        Avx.Store(d + (3 * dStride), Avx.Permute2x128(t1, t3, 0x31)); //              column 3
    }

    /// <summary>Copies <paramref name="count"/> adjacent numbers to a line <paramref name="width"/> long and zeroes the rest of it.</summary>
    private static void CopyLine(double* from, double* to, int count, int width)
    {
        // Eight or four at a time (a span copy of 8 to 24 numbers spent most of its time deciding how to copy).
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 8 <= count; i += 8) Vector512.Store(Vector512.Load(from + i), to + i);
        }

        for (; i + 4 <= count; i += 4) Vector256.Store(Vector256.Load(from + i), to + i);
        for (; i < count; i++) to[i] = from[i];
        for (; i < width; i++) to[i] = 0.0;
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
