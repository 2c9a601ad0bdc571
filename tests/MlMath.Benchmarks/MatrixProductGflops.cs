using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MlMath.LinearAlgebra;

namespace MlMath.Benchmarks;

/// <summary>
/// A quick best-of table of matrix-product speed in GFLOP/s (2 m n k / seconds), for a shared machine.
/// Run with: dotnet run -c Release --project tests/MlMath.Benchmarks -- gflops
/// </summary>
/// <remarks>
/// BenchmarkDotNet reports means over a few long iterations, which other processes on a busy 2-core
/// machine inflate. This repeats each product for about two seconds and keeps the fastest single run:
/// the best estimate of what the code can do when it has the cores, not of what it will get.
/// </remarks>
internal static class MatrixProductGflops
{
    public static void Run()
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; best of ~2 s per entry");
        Console.WriteLine("m x k x n       | MathNet a * b          | ours, all cores        | ours, one thread");
        var shapes = new (int M, int K, int N)[] { (256, 256, 256), (512, 512, 512), (1024, 1024, 1024), (2, 50, 50), (128, 64, 64) };
        foreach (var (m, k, n) in shapes)
        {
            var random = new Random(42);
            var a = BenchmarkMatrices.Random(random, m, k);
            var b = BenchmarkMatrices.Random(random, k, n);
            double flops = 2.0 * m * n * k;
            double mathNet = BestSeconds(() => a * b, 2.0);
            double ours = BestSeconds(() => MatrixProduct.Multiply(a, b), 2.0);
            double oneThread = BestSeconds(() => BenchmarkMatrices.MultiplyOnOneThread(a, b), 2.0);
            Console.WriteLine(
                $"{m}x{k}x{n}".PadRight(16) + "| " + Format(mathNet, flops) + " | " + Format(ours, flops) + " | " + Format(oneThread, flops));
        }
    }

    private static string Format(double seconds, double flops) =>
        seconds < 1e-3
            ? $"{seconds * 1e6,7:F1} us {flops / seconds / 1e9,5:F1} GF/s"
            : $"{seconds * 1e3,7:F2} ms {flops / seconds / 1e9,5:F1} GF/s";

    private static double BestSeconds(Func<Matrix<double>> product, double budgetSeconds)
    {
        product(); // JIT and warm caches
        double best = double.MaxValue;
        var clock = Stopwatch.StartNew();
        for (int runs = 0; runs < 3 || clock.Elapsed.TotalSeconds < budgetSeconds; runs++)
        {
            long start = Stopwatch.GetTimestamp();
            product();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return best;
    }
}
