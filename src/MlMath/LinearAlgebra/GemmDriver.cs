using System.Buffers;

namespace MlMath.LinearAlgebra;

/// <summary>
/// The cache-blocked matrix product C += A B over <see cref="MatrixView"/>s (the "GotoBLAS" loop nest),
/// and the decision whether to split it across threads.
/// </summary>
/// <remarks>
/// <para>
/// The loop nest (Goto and van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS
/// 34(3), 2008; the BLIS papers by Van Zee and van de Geijn name the loops the same way):
/// <code>
/// for jc in steps of NC            (columns of B and C)
///   for pc in steps of KC          (the shared dimension)
///     pack B[pc.., jc..] (KC x NC)        -> lives in L3, reused by every ic
///     for ic in steps of MC        (rows of A and C)
///       pack A[ic.., pc..] (MC x KC)      -> lives in L2, reused by every jr
///       for jr in steps of NR
///         for ir in steps of MR
///           micro-kernel: C[ir.., jr..] (MR x NR, in registers) += A sliver (MR x KC) * B sliver (KC x NR)
/// </code>
/// Each level keeps one operand in one cache level while streaming the others, so that the
/// micro-kernel almost always finds its data in L1 or L2 instead of main memory.
/// </para>
/// <para>
/// The block sizes (for a core with 32 KiB L1 and 1 MiB L2, as on this project's AMD EPYC, and common
/// to most x86 cores of the last decade): KC = 256 makes one B sliver 256 x 8 doubles = 16 KiB, half of L1,
/// so it stays there while the kernel walks every A sliver past it; MC = 240 makes the packed A block
/// 240 x 256 doubles = 480 KiB, half of L2; NC = 4080 (B block 8 MiB) only bounds the B buffer, since L3 is
/// large. MC and NC are multiples of both kernels' MR and NR so that edge tiles occur only at the borders of C.
/// </para>
/// </remarks>
internal static unsafe class GemmDriver
{
    /// <summary>Block of the shared dimension: one packed B sliver (KC x NR) fills about half of L1.</summary>
    public const int KC = 256;

    /// <summary>Rows of A packed at once: MC x KC doubles fill about half of L2.</summary>
    public const int MC = 240;

    /// <summary>Columns of B packed at once: bounds the B buffer (KC x NC doubles, 8 MiB) that L3 holds.</summary>
    public const int NC = 4080;

    /// <summary>
    /// Products with fewer than this many multiply-adds (m n k = 2^17, about a 50 x 50 x 50 product) run on
    /// one thread.
    /// </summary>
    /// <remarks>
    /// With the thread pool (<c>Parallel.For</c>) the threshold had to be 2^20: waking a pool thread and
    /// joining it cost several microseconds, and at 48^3 two threads were 2-3x slower than one. With
    /// <see cref="WorkSharing"/>, whose helper is usually still spinning and which never makes the caller wait
    /// for it to wake, 128 x 64 x 64 (2^19) takes 14.6-16.8 us on two cores against 24.3 on one (best of,
    /// quiet machine; docs/benchmarks.md), so the split pays from about 2^17 on.
    /// </remarks>
    public const long ParallelThreshold = 1L << 17;

    /// <summary>
    /// C += A B with the given micro-kernel, split across up to <paramref name="maxThreads"/> threads when
    /// the product is large enough (<see cref="ParallelThreshold"/>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Parallel split: C is cut into as many blocks as threads, in whole MR or NR tiles, and each thread runs
    /// the whole loop nest on its own block with its own packing buffers. The blocks of C do not overlap, so no
    /// two threads ever write the same number and no locks are needed; the price is that each thread packs its
    /// own copy of the factor the split does not cut: all of B when C's rows are split, all of A when its
    /// columns are, O(kn) or O(mk) extra copying against O(mnk / threads) arithmetic.
    /// </para>
    /// <para>
    /// Which side: the columns when C is at least as wide as it is tall (A is then the smaller factor to copy),
    /// and also when it is up to twice as tall, provided every thread gets a whole column tile. In a network's
    /// X W the factor B is the weight matrix, which the optimizer rewrites after the step; a row split has
    /// every core read all of it, and a core writing a cache line that another core holds must first take it
    /// back, at 20-50 ns a line on this project's machine. Measured on the 2-64-64-1 training step (128 x 64
    /// times 64 x 64): the Adam update of that weight took 18-19 us instead of 5 after a row split and 11-12
    /// after a column split (which shares only half of it), and the step was 6% faster (docs/benchmarks.md,
    /// "cache lines between cores").
    /// </para>
    /// </remarks>
    public static void MultiplyAdd(MatrixView a, MatrixView b, double* c, nint ldc, in MicroKernel kernel, int maxThreads)
    {
        int m = a.Rows, n = b.Columns, k = a.Columns;
        if (m == 0 || n == 0 || k == 0)
        {
            return;
        }

        long work = (long)m * n * k;
        int threads = work < ParallelThreshold ? 1 : maxThreads;
        bool splitColumns = n >= m || (m <= 2 * n && (n + kernel.Nr - 1) / kernel.Nr >= threads);
        int tile = splitColumns ? kernel.Nr : kernel.Mr;
        int tiles = ((splitColumns ? n : m) + tile - 1) / tile;
        int parts = Math.Min(threads, tiles);
        if (parts <= 1)
        {
            MultiplyAddSingleThread(a, b, c, ldc, kernel);
            return;
        }

        var localKernel = kernel;
        WorkSharing.For(parts, part =>
        {
            // Part `part` gets tiles [first, last) of the split side, in whole tiles.
            int first = (int)((long)tiles * part / parts) * tile;
            int last = Math.Min((int)((long)tiles * (part + 1) / parts) * tile, splitColumns ? n : m);
            if (splitColumns)
            {
                MultiplyAddSingleThread(a, b.Block(0, first, k, last - first), c + (first * ldc), ldc, localKernel);
            }
            else
            {
                MultiplyAddSingleThread(a.Block(first, 0, last - first, k), b, c + first, ldc, localKernel);
            }
        });
    }

    /// <summary>C += A B on the calling thread: the five loops around the micro-kernel.</summary>
    public static void MultiplyAddSingleThread(MatrixView a, MatrixView b, double* c, nint ldc, in MicroKernel kernel)
    {
        int m = a.Rows, n = b.Columns, k = a.Columns;
        int mr = kernel.Mr, nr = kernel.Nr;

        // Buffers no larger than this product needs, rented from the shared pool: allocating them afresh
        // would, above 128 KiB, make the C runtime map new pages from the OS on every call, and the page
        // faults on first touch cost more than a whole 150 x 150 product (measured: 30 instead of 47 GFLOP/s).
        int mcMax = Math.Min(MC, RoundUp(m, mr)), kcMax = Math.Min(KC, k), ncMax = Math.Min(NC, RoundUp(n, nr));
        int lengthA = mcMax * kcMax, lengthB = kcMax * ncMax;
        double[] buffer = ArrayPool<double>.Shared.Rent(lengthA + lengthB + (2 * DoublesPerCacheLine));
        try
        {
            fixed (double* start = buffer)
            {
                // Start each packed block on a 64-byte cache line, so that every Vector512 load of a
                // packed sliver touches exactly one line.
                double* packedA = AlignToCacheLine(start);
                double* packedB = AlignToCacheLine(packedA + lengthA);
                for (int jc = 0; jc < n; jc += NC)
                {
                    int nc = Math.Min(NC, n - jc);
                    for (int pc = 0; pc < k; pc += KC)
                    {
                        int kc = Math.Min(KC, k - pc);
                        GemmPacking.PackB(b.Block(pc, jc, kc, nc), packedB, nr);
                        for (int ic = 0; ic < m; ic += MC)
                        {
                            int mc = Math.Min(MC, m - ic);
                            GemmPacking.PackA(a.Block(ic, pc, mc, kc), packedA, mr);
                            MultiplyPackedBlock(packedA, packedB, mc, nc, kc, c + ic + (jc * ldc), ldc, kernel);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>The two innermost loops: sweep the micro-kernel over an mc x nc block of C.</summary>
    private static void MultiplyPackedBlock(double* packedA, double* packedB, int mc, int nc, int kc, double* c, nint ldc, in MicroKernel kernel)
    {
        int mr = kernel.Mr, nr = kernel.Nr;
        for (int jr = 0; jr < nc; jr += nr)
        {
            // This B sliver (kc x nr) stays in L1 while every A sliver of the block streams past it.
            double* bSliver = packedB + ((nint)jr * kc);
            int columns = Math.Min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr)
            {
                double* aSliver = packedA + ((nint)ir * kc);
                int rows = Math.Min(mr, mc - ir);
                GemmMicroKernels.RunTile(kernel, kc, aSliver, bSliver, c + ir + (jr * ldc), ldc, rows, columns);
            }
        }
    }

    private const int DoublesPerCacheLine = 64 / sizeof(double);

    private static double* AlignToCacheLine(double* pointer) => (double*)(((nuint)pointer + 63) & ~(nuint)63);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
