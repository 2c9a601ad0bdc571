using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlMath.Benchmarks;

/// <summary>
/// What it costs one core to read or write 32 KB that another core has just read or written: the measurement
/// behind MlMath's rule that each core keeps to its own columns (docs/benchmarks.md, "Cache lines between cores").
/// Run with: dotnet run -c Release --project tests/MlMath.Benchmarks -- cachelines
/// </summary>
/// <remarks>
/// A second thread touches the array (reads it, writes it, or leaves it alone), signals, and the measuring thread
/// then reads it, rewrites it (load and store) or overwrites it (store only). Medians of 5000 rounds each. The
/// operating system picks the cores, so on a machine with more than two the helper may share a core's caches;
/// on this project's 2-core machine the two threads run on the two cores.
/// </remarks>
internal static class CacheLineTransfer
{
    private const int Length = 4096; // 32 KB of doubles: 512 cache lines of 64 bytes

    private static readonly double[] Data = new double[Length];
    private static long _round;
    private static long _done;
    private static int _helperAction; // 0: read the array, 1: write it, 2: leave it alone
    private static double _sink;

    public static void Run()
    {
        var helper = new Thread(Helper) { IsBackground = true };
        helper.Start();
        Console.WriteLine($"{Environment.ProcessorCount} cores; 32 KB = 512 lines; median of 5000 rounds");
        for (int pass = 0; pass < 2; pass++) // the first pass only warms up (the JIT compiles the loops fully after a while)
        {
            foreach (var (helperAction, helperName) in new[] { (2, "nobody else"), (0, "other core read it"), (1, "other core wrote it") })
            {
                foreach (var (name, action) in new (string, Action)[] { ("read", () => _sink += Sum()), ("read and rewrite", Scale), ("overwrite", Fill) })
                {
                    double median = MedianMicroseconds(helperAction, action);
                    if (pass == 1) Console.WriteLine($"{helperName,-20} then this core: {name,-17} {median,6:F2} us  ({median * 1000 / (Length / 8),5:F1} ns a line)");
                }
            }
        }

        Interlocked.Exchange(ref _round, -1);
        GC.KeepAlive(_sink);
    }

    private static double MedianMicroseconds(int helperAction, Action action)
    {
        _helperAction = helperAction;
        var times = new List<double>();
        for (int i = 0; i < 5000; i++)
        {
            long round = Interlocked.Increment(ref _round);
            while (Interlocked.Read(ref _done) != round) Thread.SpinWait(1);
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static void Helper()
    {
        long seen = 0;
        while (true)
        {
            long round = Interlocked.Read(ref _round);
            if (round < 0) return;
            if (round == seen)
            {
                Thread.SpinWait(10);
                continue;
            }

            seen = round;
            if (_helperAction == 0) _sink += Sum();
            else if (_helperAction == 1) Scale();
            Interlocked.Exchange(ref _done, round);
        }
    }

    /// <summary>Reads every number (four independent sums, so the loads, not the additions, set the pace).</summary>
    private static double Sum()
    {
        ref double data = ref MemoryMarshal.GetArrayDataReference(Data);
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (nuint i = 0; i < Length; i += 16)
        {
            s0 += Vector256.LoadUnsafe(ref data, i);
            s1 += Vector256.LoadUnsafe(ref data, i + 4);
            s2 += Vector256.LoadUnsafe(ref data, i + 8);
            s3 += Vector256.LoadUnsafe(ref data, i + 12);
        }

        return Vector256.Sum(s0 + s1 + s2 + s3);
    }

    /// <summary>Reads and rewrites every number, as an optimizer's update of a weight does.</summary>
    private static void Scale()
    {
        ref double data = ref MemoryMarshal.GetArrayDataReference(Data);
        var factor = Vector256.Create(1.0000001);
        for (nuint i = 0; i < Length; i += 4) (Vector256.LoadUnsafe(ref data, i) * factor).StoreUnsafe(ref data, i);
    }

    /// <summary>Writes every number without reading it, as a product into a fresh result does.</summary>
    private static void Fill()
    {
        ref double data = ref MemoryMarshal.GetArrayDataReference(Data);
        var value = Vector256.Create(0.5);
        for (nuint i = 0; i < Length; i += 4) value.StoreUnsafe(ref data, i);
    }
}
