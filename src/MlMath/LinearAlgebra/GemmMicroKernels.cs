using System.Runtime.Intrinsics;

namespace MlMath.LinearAlgebra;

/// <summary>The micro-kernels and the choice among them for this CPU.</summary>
/// <remarks>
/// <para>
/// The register tile. A micro-kernel keeps an Mr x Nr tile of C in vector registers for the whole kc loop,
/// so that each step p does Mr*Nr multiply-adds (an outer product of a column of A and a row of B) while
/// loading only Mr + Nr numbers. With AVX-512 (32 registers of 8 doubles) we use Mr = 24, Nr = 8: the tile
/// is 3 x 8 = 24 registers, plus 3 for the column of A and 1 for a broadcast element of B = 28 of 32. Each
/// step is 24 fused multiply-adds (FMA, a*b+c with one rounding) against 3 vector loads and 8 broadcasts,
/// and 24 independent accumulators hide the FMA latency (about 4 cycles, 2 issued per cycle).
/// </para>
/// <para>
/// Without AVX-512, the Vector256 kernel uses Mr = 8, Nr = 6: 2 x 6 = 12 accumulators + 2 + 1 = 15 of the
/// 16 AVX2 registers. Without any hardware vectors a 4 x 4 scalar kernel keeps 16 accumulators.
/// </para>
/// </remarks>
internal static unsafe class GemmMicroKernels
{
    /// <summary>24 x 8 tile of Vector512 (AVX-512).</summary>
    public static MicroKernel Vector512Kernel => new("Vector512 24x8", 24, 8, &Kernel24x8);

    /// <summary>16 x 8 tile of Vector512 (AVX-512): for row counts that are multiples of 16 but not of 24.</summary>
    public static MicroKernel Vector512Kernel16 => new("Vector512 16x8", 16, 8, &Kernel16x8);

    /// <summary>8 x 6 tile of Vector256 (AVX2, or emulated).</summary>
    public static MicroKernel Vector256Kernel => new("Vector256 8x6", 8, 6, &Kernel8x6);

    /// <summary>4 x 4 tile of scalars.</summary>
    public static MicroKernel ScalarKernel => new("Scalar 4x4", 4, 4, &Kernel4x4);

    /// <summary>The fastest kernel this CPU accelerates for a product whose result has <paramref name="rows"/> rows.</summary>
    /// <remarks>
    /// A kernel always computes whole tiles, so when C has fewer rows than the 24-row Vector512 tile most
    /// of that tile's arithmetic is on padding zeros: a 2 x 50 by 50 x 50 product would do 12 times the
    /// useful work. The 8-row Vector256 tile wastes less there, and on this project's CPU (which executes a
    /// 512-bit operation as two 256-bit halves) it measured 1.2-1.8x faster for 2 to 16 rows, and no faster
    /// from 24 rows on (24 and 48 rows slower, 32 and 128 within noise). From 24 rows on, the 16 x 8 tile is
    /// used where it leaves fewer padding rows than the 24 x 8 one (128 rows: 0 against 16): measured in thread
    /// CPU time, 128 x 64 times 64 x 64 took 23 instead of 26 us, 64 x 784 times 784 x 128 294 instead of 328.
    /// </remarks>
    public static MicroKernel For(int rows) =>
        Vector512.IsHardwareAccelerated && rows >= Vector512Kernel.Mr ? (Padding(rows, 16) < Padding(rows, 24) ? Vector512Kernel16 : Vector512Kernel)
        : Vector256.IsHardwareAccelerated ? Vector256Kernel
        : Vector512.IsHardwareAccelerated ? Vector512Kernel
        : ScalarKernel;

    /// <summary>Rows of padding when <paramref name="rows"/> are cut into tiles of <paramref name="tile"/> rows.</summary>
    private static int Padding(int rows, int tile) => ((rows + tile - 1) / tile * tile) - rows;

    /// <summary>
    /// Runs <paramref name="kernel"/> on a tile of which only <paramref name="rows"/> x
    /// <paramref name="columns"/> lie inside C: a full tile goes straight to C; an edge tile is computed into
    /// a zeroed scratch tile (the padding rows and columns of the packed slivers are zero) and only its
    /// valid part is added to C, so the kernel never writes outside the matrix.
    /// </summary>
    public static void RunTile(in MicroKernel kernel, int kc, double* a, double* b, double* c, nint ldc, int rows, int columns)
    {
        if (rows == kernel.Mr && columns == kernel.Nr)
        {
            kernel.Run(kc, a, b, c, ldc);
            return;
        }

        double* tile = stackalloc double[kernel.Mr * kernel.Nr];
        new Span<double>(tile, kernel.Mr * kernel.Nr).Clear();
        kernel.Run(kc, a, b, tile, kernel.Mr);
        for (int j = 0; j < columns; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                c[i + (j * ldc)] += tile[i + (j * kernel.Mr)];
            }
        }
    }

    private static void Kernel24x8(int kc, double* a, double* b, double* c, nint ldc)
    {
        // cRJ holds rows 8R..8R+7 of column J of the tile.
        Vector512<double> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<double> c04 = default, c05 = default, c06 = default, c07 = default;
        Vector512<double> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<double> c14 = default, c15 = default, c16 = default, c17 = default;
        Vector512<double> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<double> c24 = default, c25 = default, c26 = default, c27 = default;
        for (int p = 0; p < kc; p++, a += 24, b += 8)
        {
            // One step = the outer product of a column of A (24 numbers) and a row of B (8 numbers).
            var a0 = Vector512.Load(a);
            var a1 = Vector512.Load(a + 8);
            var a2 = Vector512.Load(a + 16);
            var bj = Vector512.Create(b[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, bj, c00); c10 = Vector512.FusedMultiplyAdd(a1, bj, c10); c20 = Vector512.FusedMultiplyAdd(a2, bj, c20);
            bj = Vector512.Create(b[1]);
            c01 = Vector512.FusedMultiplyAdd(a0, bj, c01); c11 = Vector512.FusedMultiplyAdd(a1, bj, c11); c21 = Vector512.FusedMultiplyAdd(a2, bj, c21);
            bj = Vector512.Create(b[2]);
            c02 = Vector512.FusedMultiplyAdd(a0, bj, c02); c12 = Vector512.FusedMultiplyAdd(a1, bj, c12); c22 = Vector512.FusedMultiplyAdd(a2, bj, c22);
            bj = Vector512.Create(b[3]);
            c03 = Vector512.FusedMultiplyAdd(a0, bj, c03); c13 = Vector512.FusedMultiplyAdd(a1, bj, c13); c23 = Vector512.FusedMultiplyAdd(a2, bj, c23);
            bj = Vector512.Create(b[4]);
            c04 = Vector512.FusedMultiplyAdd(a0, bj, c04); c14 = Vector512.FusedMultiplyAdd(a1, bj, c14); c24 = Vector512.FusedMultiplyAdd(a2, bj, c24);
            bj = Vector512.Create(b[5]);
            c05 = Vector512.FusedMultiplyAdd(a0, bj, c05); c15 = Vector512.FusedMultiplyAdd(a1, bj, c15); c25 = Vector512.FusedMultiplyAdd(a2, bj, c25);
            bj = Vector512.Create(b[6]);
            c06 = Vector512.FusedMultiplyAdd(a0, bj, c06); c16 = Vector512.FusedMultiplyAdd(a1, bj, c16); c26 = Vector512.FusedMultiplyAdd(a2, bj, c26);
            bj = Vector512.Create(b[7]);
            c07 = Vector512.FusedMultiplyAdd(a0, bj, c07); c17 = Vector512.FusedMultiplyAdd(a1, bj, c17); c27 = Vector512.FusedMultiplyAdd(a2, bj, c27);
        }

        // Add the tile to C, one column (three vectors) at a time.
        AddColumn512(c, c00, c10, c20); AddColumn512(c + ldc, c01, c11, c21);
        AddColumn512(c + (2 * ldc), c02, c12, c22); AddColumn512(c + (3 * ldc), c03, c13, c23);
        AddColumn512(c + (4 * ldc), c04, c14, c24); AddColumn512(c + (5 * ldc), c05, c15, c25);
        AddColumn512(c + (6 * ldc), c06, c16, c26); AddColumn512(c + (7 * ldc), c07, c17, c27);
    }

    private static void Kernel16x8(int kc, double* a, double* b, double* c, nint ldc)
    {
        // The same outer-product step with two vectors of A per column: 16 accumulators.
        Vector512<double> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<double> c04 = default, c05 = default, c06 = default, c07 = default;
        Vector512<double> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<double> c14 = default, c15 = default, c16 = default, c17 = default;
        for (int p = 0; p < kc; p++, a += 16, b += 8)
        {
            var a0 = Vector512.Load(a);
            var a1 = Vector512.Load(a + 8);
            var bj = Vector512.Create(b[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, bj, c00); c10 = Vector512.FusedMultiplyAdd(a1, bj, c10);
            bj = Vector512.Create(b[1]);
            c01 = Vector512.FusedMultiplyAdd(a0, bj, c01); c11 = Vector512.FusedMultiplyAdd(a1, bj, c11);
            bj = Vector512.Create(b[2]);
            c02 = Vector512.FusedMultiplyAdd(a0, bj, c02); c12 = Vector512.FusedMultiplyAdd(a1, bj, c12);
            bj = Vector512.Create(b[3]);
            c03 = Vector512.FusedMultiplyAdd(a0, bj, c03); c13 = Vector512.FusedMultiplyAdd(a1, bj, c13);
            bj = Vector512.Create(b[4]);
            c04 = Vector512.FusedMultiplyAdd(a0, bj, c04); c14 = Vector512.FusedMultiplyAdd(a1, bj, c14);
            bj = Vector512.Create(b[5]);
            c05 = Vector512.FusedMultiplyAdd(a0, bj, c05); c15 = Vector512.FusedMultiplyAdd(a1, bj, c15);
            bj = Vector512.Create(b[6]);
            c06 = Vector512.FusedMultiplyAdd(a0, bj, c06); c16 = Vector512.FusedMultiplyAdd(a1, bj, c16);
            bj = Vector512.Create(b[7]);
            c07 = Vector512.FusedMultiplyAdd(a0, bj, c07); c17 = Vector512.FusedMultiplyAdd(a1, bj, c17);
        }

        AddColumn512(c, c00, c10); AddColumn512(c + ldc, c01, c11);
        AddColumn512(c + (2 * ldc), c02, c12); AddColumn512(c + (3 * ldc), c03, c13);
        AddColumn512(c + (4 * ldc), c04, c14); AddColumn512(c + (5 * ldc), c05, c15);
        AddColumn512(c + (6 * ldc), c06, c16); AddColumn512(c + (7 * ldc), c07, c17);
    }

    private static void AddColumn512(double* c, Vector512<double> top, Vector512<double> bottom)
    {
        Vector512.Store(Vector512.Load(c) + top, c);
        Vector512.Store(Vector512.Load(c + 8) + bottom, c + 8);
    }

    private static void AddColumn512(double* c, Vector512<double> top, Vector512<double> middle, Vector512<double> bottom)
    {
        Vector512.Store(Vector512.Load(c) + top, c);
        Vector512.Store(Vector512.Load(c + 8) + middle, c + 8);
        Vector512.Store(Vector512.Load(c + 16) + bottom, c + 16);
    }

    private static void Kernel8x6(int kc, double* a, double* b, double* c, nint ldc)
    {
        Vector256<double> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default;
        Vector256<double> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
        for (int p = 0; p < kc; p++, a += 8, b += 6)
        {
            var a0 = Vector256.Load(a);
            var a1 = Vector256.Load(a + 4);
            var bj = Vector256.Create(b[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, bj, c00); c10 = Vector256.FusedMultiplyAdd(a1, bj, c10);
            bj = Vector256.Create(b[1]);
            c01 = Vector256.FusedMultiplyAdd(a0, bj, c01); c11 = Vector256.FusedMultiplyAdd(a1, bj, c11);
            bj = Vector256.Create(b[2]);
            c02 = Vector256.FusedMultiplyAdd(a0, bj, c02); c12 = Vector256.FusedMultiplyAdd(a1, bj, c12);
            bj = Vector256.Create(b[3]);
            c03 = Vector256.FusedMultiplyAdd(a0, bj, c03); c13 = Vector256.FusedMultiplyAdd(a1, bj, c13);
            bj = Vector256.Create(b[4]);
            c04 = Vector256.FusedMultiplyAdd(a0, bj, c04); c14 = Vector256.FusedMultiplyAdd(a1, bj, c14);
            bj = Vector256.Create(b[5]);
            c05 = Vector256.FusedMultiplyAdd(a0, bj, c05); c15 = Vector256.FusedMultiplyAdd(a1, bj, c15);
        }

        AddColumn256(c, c00, c10); AddColumn256(c + ldc, c01, c11); AddColumn256(c + (2 * ldc), c02, c12);
        AddColumn256(c + (3 * ldc), c03, c13); AddColumn256(c + (4 * ldc), c04, c14); AddColumn256(c + (5 * ldc), c05, c15);
    }

    private static void AddColumn256(double* c, Vector256<double> top, Vector256<double> bottom)
    {
        Vector256.Store(Vector256.Load(c) + top, c);
        Vector256.Store(Vector256.Load(c + 4) + bottom, c + 4);
    }

    private static void Kernel4x4(int kc, double* a, double* b, double* c, nint ldc)
    {
        // A 4 x 4 tile on the stack: the same blocking idea, for CPUs without hardware vectors.
        Span<double> tile = stackalloc double[16];
        for (int p = 0; p < kc; p++, a += 4, b += 4)
        {
            for (int j = 0; j < 4; j++)
            {
                double bj = b[j];
                for (int i = 0; i < 4; i++)
                {
                    tile[(4 * j) + i] += a[i] * bj;
                }
            }
        }

        for (int j = 0; j < 4; j++)
        {
            for (int i = 0; i < 4; i++)
            {
                c[i + (j * ldc)] += tile[(4 * j) + i];
            }
        }
    }
}
