using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MlMath.LinearAlgebra;

namespace MlMath.Benchmarks;

/// <summary>
/// Small products, where threading costs more than it saves: MathNet's default (which parallelises them)
/// against ours (which decides by size) and ours forced onto one thread. Ours should equal ours-on-one-thread.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class SmallMatrixProductBenchmarks
{
    private Matrix<double> _a = null!;
    private Matrix<double> _b = null!;

    /// <summary>m x k times k x n.</summary>
    [Params("2x50 * 50x50", "128x64 * 64x64")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (m, k, n) = Shape == "2x50 * 50x50" ? (2, 50, 50) : (128, 64, 64);
        var random = new Random(42);
        _a = BenchmarkMatrices.Random(random, m, k);
        _b = BenchmarkMatrices.Random(random, k, n);
    }

    [Benchmark(Baseline = true, Description = "MathNet a * b")]
    public Matrix<double> MathNet() => _a * _b;

    [Benchmark(Description = "MatrixProduct.Multiply")]
    public Matrix<double> Ours() => MatrixProduct.Multiply(_a, _b);

    [Benchmark(Description = "MatrixProduct, one thread")]
    public Matrix<double> OursOneThread() => BenchmarkMatrices.MultiplyOnOneThread(_a, _b);
}
