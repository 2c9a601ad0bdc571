using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.LinearAlgebra;

namespace MlMath.Benchmarks;

/// <summary>
/// C = A B for square n x n matrices: MathNet's managed product (the baseline) against ours, on all cores
/// and on one. GFLOP/s = 2 n^3 / time (docs/benchmarks.md). Min is reported because the machine is
/// shared: the fastest run is the best estimate of what the code can do, the mean of what it did.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class MatrixProductBenchmarks
{
    private Matrix<double> _a = null!;
    private Matrix<double> _b = null!;

    [Params(256, 512, 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _a = BenchmarkMatrices.Random(random, N, N);
        _b = BenchmarkMatrices.Random(random, N, N);
    }

    [Benchmark(Baseline = true, Description = "MathNet a * b")]
    public Matrix<double> MathNet() => _a * _b;

    [Benchmark(Description = "MatrixProduct.Multiply")]
    public Matrix<double> Ours() => MatrixProduct.Multiply(_a, _b);

    [Benchmark(Description = "MatrixProduct, one thread")]
    public Matrix<double> OursOneThread() => BenchmarkMatrices.MultiplyOnOneThread(_a, _b);
}
