using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Benchmarks;

/// <summary>
/// One forward and backward pass of a 2-64-64-1 tanh MLP with a mean-squared-error loss on a batch of 128:
/// the unit of work of every training step in the later chapters. Target (issue 2): under 60 microseconds.
/// </summary>
[MemoryDiagnoser]
public class MlpBenchmarks
{
    private DenseMatrix _x = null!;
    private DenseMatrix _y = null!;
    private Variable[] _parameters = null!;
    private Sequential _mlp = null!;
    private Variable _input = null!;
    private Variable _target = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        DenseMatrix Random(int rows, int columns, double scale) =>
            DenseMatrix.Create(rows, columns, (_, _) => scale * (2 * rng.NextDouble() - 1));
        _x = Random(128, 2, 1.0);
        _y = Random(128, 1, 1.0);
        _parameters =
        [
            new Variable(Random(2, 64, 1.0), requiresGrad: true),
            new Variable(Random(1, 64, 0.1), requiresGrad: true),
            new Variable(Random(64, 64, 0.2), requiresGrad: true),
            new Variable(Random(1, 64, 0.1), requiresGrad: true),
            new Variable(Random(64, 1, 0.2), requiresGrad: true),
            new Variable(Random(1, 1, 0.1), requiresGrad: true),
        ];
        _mlp = Mlp.Create([2, 64, 64, 1], ActivationKind.Tanh, rng);
        _input = Variable.Constant(_x);
        _target = Variable.Constant(_y);
    }

    /// <summary>loss = mean((tanh(tanh(X W1 + b1) W2 + b2) W3 + b3 - Y)^2), then backward, written op by op:
    /// MatMul, AddRowVector and Tanh (three graph nodes and three result matrices per layer).</summary>
    [Benchmark]
    public double ForwardBackward()
    {
        var p = _parameters;
        foreach (var parameter in p) parameter.ZeroGrad();
        var h1 = (Variable.Constant(_x) * p[0]).AddRowVector(p[1]).Tanh();
        var h2 = (h1 * p[2]).AddRowVector(p[3]).Tanh();
        var output = (h2 * p[4]).AddRowVector(p[5]);
        var loss = (output - Variable.Constant(_y)).Square().Mean();
        loss.Backward();
        return loss.Item;
    }

    /// <summary>The same network as an <see cref="Mlp"/> module: each Linear + Tanh pair runs as one fused
    /// <see cref="Variable.Affine"/> operation. The benchmark.</summary>
    [Benchmark]
    public double ForwardBackwardMlpModule()
    {
        foreach (var parameter in _mlp.Parameters()) parameter.ZeroGrad();
        var loss = Losses.MeanSquaredError(_mlp.Forward(_input), _target);
        loss.Backward();
        return loss.Item;
    }
}
