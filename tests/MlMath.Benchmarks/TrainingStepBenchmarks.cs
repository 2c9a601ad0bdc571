using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Benchmarks;

/// <summary>
/// One training step (forward, backward, Adam update) of the two reference MLPs of issues 3 and 4.
/// PyTorch 1.13 on CPU in float64 on this machine: 433 us (2-64-64-1) and 1824 us (784-128-10).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LargeObjectThresholdVariants))]
public class TrainingStepBenchmarks
{
    private Sequential _small = null!;
    private Adam _smallAdam = null!;
    private Variable _smallX = null!;
    private Variable _smallY = null!;
    private Sequential _wide = null!;
    private Adam _wideAdam = null!;
    private Variable _wideX = null!;
    private int[] _wideLabels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _small = Mlp.Create([2, 64, 64, 1], ActivationKind.Tanh, random);
        _smallAdam = new Adam(_small.Parameters(), 1e-3);
        _smallX = Variable.Constant(DenseMatrix.Create(128, 2, (_, _) => 2 * random.NextDouble() - 1));
        _smallY = Variable.Constant(DenseMatrix.Create(128, 1, (_, _) => 2 * random.NextDouble() - 1));
        _wide = Mlp.Create([784, 128, 10], ActivationKind.Relu, random);
        _wideAdam = new Adam(_wide.Parameters(), 1e-3);
        _wideX = Variable.Constant(DenseMatrix.Create(64, 784, (_, _) => random.NextDouble()));
        _wideLabels = Enumerable.Range(0, 64).Select(_ => random.Next(10)).ToArray();
    }

    /// <summary>2-64-64-1 tanh, batch 128, mean squared error, Adam.</summary>
    [Benchmark]
    public double Mlp2x64x64x1AdamStep()
    {
        _smallAdam.ZeroGrad();
        var loss = Losses.MeanSquaredError(_small.Forward(_smallX), _smallY);
        loss.Backward();
        _smallAdam.Step();
        return loss.Item;
    }

    /// <summary>The same step, then the dead graph is released (<see cref="Variable.ReleaseGraph"/>): the next step's
    /// layer outputs reuse its arrays instead of new ones. For this small network that is slower, not faster
    /// (docs/benchmarks.md): its arrays are small objects that are cheap to allocate, and a recycled one may sit
    /// in the other core's cache.</summary>
    [Benchmark]
    public double Mlp2x64x64x1AdamStepReleased()
    {
        _smallAdam.ZeroGrad();
        var loss = Losses.MeanSquaredError(_small.Forward(_smallX), _smallY);
        loss.Backward();
        _smallAdam.Step();
        var value = loss.Item;
        loss.ReleaseGraph();
        return value;
    }

    /// <summary>784-128-10 relu, batch 64, softmax cross-entropy, Adam.</summary>
    [Benchmark]
    public double Mlp784x128x10AdamStep()
    {
        _wideAdam.ZeroGrad();
        var loss = Losses.SoftmaxCrossEntropy(_wide.Forward(_wideX), _wideLabels);
        loss.Backward();
        _wideAdam.Step();
        return loss.Item;
    }
}
