using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using MlMath.LinearAlgebra;

namespace MlMath.Benchmarks;

/// <summary>
/// Elementwise tanh and exp of 8192 doubles (a 128 x 64 activation): <see cref="VectorMath"/> against
/// <see cref="TensorPrimitives"/> and a scalar <see cref="Math"/> loop. 8192 elements is above VectorMath's
/// threshold for splitting across cores, so the VectorMath rows use both cores when the second is free.
/// </summary>
public class VectorMathBenchmarks
{
    private readonly double[] _x = new double[8192];
    private readonly double[] _y = new double[8192];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var i = 0; i < _x.Length; i++) _x[i] = (4 * random.NextDouble()) - 2;
    }

    [Benchmark(Baseline = true)]
    public void TanhMathLoop()
    {
        for (var i = 0; i < _x.Length; i++) _y[i] = Math.Tanh(_x[i]);
    }

    [Benchmark]
    public void TanhTensorPrimitives() => TensorPrimitives.Tanh(_x, _y);

    [Benchmark]
    public void TanhVectorMath() => VectorMath.Tanh(_x, _y);

    [Benchmark]
    public void ExpTensorPrimitives() => TensorPrimitives.Exp(_x, _y);

    [Benchmark]
    public void ExpVectorMath() => VectorMath.Exp(_x, _y);
}
