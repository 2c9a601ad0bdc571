using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Graphs;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.Graphs;

/// <summary>Batching small graphs and global pooling: values, gradients and permutation invariance.</summary>
public class PoolingTests
{
    private static readonly Graph[] Graphs = [GraphGenerators.Cycle(4), GraphGenerators.RandomTree(5, new Random(1)), GraphGenerators.Cycle(3)];

    [Fact]
    public void BatchIsBlockDiagonalWithANodeToGraphIndex()
    {
        var batch = GraphBatch.Create(Graphs);

        batch.GraphCount.Should().Be(3);
        batch.Graph.NodeCount.Should().Be(12);
        batch.Graph.EdgeCount.Should().Be(8 + 8 + 6);
        batch.NodeOffsets.Should().Equal(0, 4, 9, 12);
        batch.NodeToGraph.Should().Equal(0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2);
        Enumerable.Range(0, batch.Graph.EdgeCount).Should().AllSatisfy(e =>
            batch.NodeToGraph[batch.Graph.Sources[e]].Should().Be(batch.NodeToGraph[batch.Graph.Targets[e]]));
    }

    [Fact]
    public void PoolingComputesPerGraphSumMeanAndMax()
    {
        var batch = GraphBatch.Create([GraphGenerators.Cycle(3), GraphGenerators.Cycle(3)]);
        var x = Variable.Constant(DenseMatrix.OfArray(new double[,] { { 1 }, { 2 }, { 6 }, { -1 }, { -2 }, { -3 } }));

        GlobalPooling.Sum(x, batch).Value.Column(0).Should().Equal(9.0, -6.0);
        GlobalPooling.Mean(x, batch).Value.Column(0).Should().Equal(3.0, -2.0);
        GlobalPooling.Max(x, batch).Value.Column(0).Should().Equal(6.0, -1.0);
    }

    [Fact]
    public void PoolingGradientsMatchCentralDifferences()
    {
        var batch = GraphBatch.Create(Graphs);
        var rng = new Random(4);
        var x = GradientTestKit.RandomMatrix(rng, 12, 3);
        GradientTestKit.WorstRelativeError(v => GlobalPooling.Sum(v[0], batch), [x], rng).Should().BeLessThan(1e-7);
        GradientTestKit.WorstRelativeError(v => GlobalPooling.Mean(v[0], batch), [x], rng).Should().BeLessThan(1e-7);
        GradientTestKit.WorstRelativeError(v => GlobalPooling.Max(v[0], batch), [x], rng).Should().BeLessThan(1e-7);
    }

    [Fact]
    public void PooledGinOutputsArePermutationInvariant()
    {
        var rng = new Random(7);
        var layer = new GinConv(2, 8, 4, rng);
        var features = Graphs.Select(g => GradientTestKit.RandomMatrix(rng, g.NodeCount, 2)).ToArray();
        var permutations = Graphs.Select(g => GraphTestKit.Permutation(g.NodeCount, rng)).ToArray();
        var batch = GraphBatch.Create(Graphs);
        var shuffled = GraphBatch.Create(Graphs.Select((g, b) => g.Relabel(permutations[b])).ToArray());
        var x = batch.StackFeatures(features);
        var xShuffled = shuffled.StackFeatures(features.Select((f, b) => GraphTestKit.PermuteRows(f, permutations[b])).ToArray());

        foreach (var pool in new Func<Variable, GraphBatch, Variable>[] { GlobalPooling.Sum, GlobalPooling.Mean, GlobalPooling.Max })
        {
            var original = pool(layer.Forward(Variable.Constant(x), batch.Graph), batch).Value;
            var permuted = pool(layer.Forward(Variable.Constant(xShuffled), shuffled.Graph), shuffled).Value;
            (original - permuted).InfinityNorm().Should().BeLessThan(1e-12);
        }
    }
}
