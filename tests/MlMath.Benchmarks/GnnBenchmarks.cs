using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MlMath.Autodiff;
using MlMath.Graphs;
using MlMath.LinearAlgebra;
using MlMath.Optimization;

namespace MlMath.Benchmarks;

/// <summary>
/// One full-batch training epoch on Cora (forward in training mode with dropout, backward, Adam step), for the
/// two models of issue 6. PyTorch on this machine (from the issue): 5.2 ms per GCN epoch in float64 (4.7 in
/// float32) and 17 ms per GAT epoch in float32. Targets: at most 1 ms (GCN) and 5 ms (GAT).
/// The kernel rows time the pieces the epochs are made of. Two jobs: the default GC settings, and the large-object
/// threshold raised to 4 MB (DOTNET_GCLOHThreshold), because every node-feature matrix of Cora (2708 x 16 or x 64
/// doubles) is a large object, and each large allocation costs a gen-2 collection share and fresh pages.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortLargeObjectThresholdVariants))]
public class GnnBenchmarks
{
    private PlanetoidDataset _cora = null!;
    private CsrMatrix _features = null!;
    private int[] _trainLabels = null!;
    private GcnNodeClassifier _gcn = null!;
    private Adam _gcnAdam = null!;
    private GatNodeClassifier _gat = null!;
    private Adam _gatAdam = null!;
    private CsrMatrix _aHat = null!;
    private Variable _hidden = null!;
    private Variable _weight = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cora = PlanetoidDataset.Cora();
        _features = _cora.RowNormalizedFeatures();
        _trainLabels = _cora.LabelsOf(_cora.TrainNodes);
        _gcn = new GcnNodeClassifier(1433, 16, 7, new Random(0));
        _gcnAdam = new Adam(_gcn.Parameters(), 0.01, weightDecay: 5e-4);
        _gat = new GatNodeClassifier(1433, 8, 8, 7, new Random(0));
        _gatAdam = new Adam(_gat.Parameters(), 0.005, weightDecay: 5e-4);
        _aHat = GcnConv.Normalize(_cora.Graph);
        var random = new Random(1);
        _hidden = new Variable(MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.Create(2708, 16, (_, _) => random.NextDouble()), requiresGrad: true);
        _weight = new Variable(MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.Create(1433, 16, (_, _) => random.NextDouble()), requiresGrad: true);
    }

    /// <summary>2-layer GCN (1433-16-7, dropout 0.5): forward, backward, Adam.</summary>
    [Benchmark]
    public double GcnEpoch() =>
        NodeClassification.TrainEpoch(_gcn, _gcnAdam, _features, _cora.Graph, _cora.TrainNodes, _trainLabels);

    /// <summary>2-layer GAT (1433-8x8-7, dropout 0.6): forward, backward, Adam.</summary>
    [Benchmark]
    public double GatEpoch() =>
        NodeClassification.TrainEpoch(_gat, _gatAdam, _features, _cora.Graph, _cora.TrainNodes, _trainLabels);

    /// <summary>A_hat H (2708 x 2708 with 13264 entries, times 2708 x 16): our CSR kernel.</summary>
    [Benchmark]
    public Variable PropagateFused()
    {
        using var _ = GradMode.NoGrad();
        return MessagePassing.Propagate(_aHat, _hidden);
    }

    /// <summary>The same product with the plain reference loop (CsrMatrix.Multiply via Variable.SparseMultiply).</summary>
    [Benchmark]
    public Variable PropagateReference()
    {
        using var _ = GradMode.NoGrad();
        return Variable.SparseMultiply(_aHat, _hidden);
    }

    /// <summary>X W for Cora's sparse features (49216 entries) and a 1433 x 16 weight.</summary>
    [Benchmark]
    public Variable SparseFeaturesTimesWeight()
    {
        using var _ = GradMode.NoGrad();
        return MessagePassing.Propagate(_features, _weight);
    }
}
