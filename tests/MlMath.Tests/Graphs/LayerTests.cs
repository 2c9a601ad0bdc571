using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Graphs;
using MlMath.NeuralNetworks;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.Graphs;

/// <summary>Gradient checks and permutation equivariance for every message-passing layer.</summary>
public class LayerTests
{
    private const int Nodes = 7;
    private const int In = 3;

    public static TheoryData<string> LayerNames => new(Layers.Keys);

    private static readonly Dictionary<string, Func<Random, GraphModule>> Layers = new()
    {
        ["GcnConv"] = r => new GcnConv(In, 4, r),
        ["SageConv mean"] = r => new SageConv(In, 4, Aggregation.Mean, r),
        ["SageConv max"] = r => new SageConv(In, 4, Aggregation.Max, r),
        ["GatConv concat"] = r => new GatConv(In, 2, 3, r, concat: true),
        ["GatConv average"] = r => new GatConv(In, 2, 3, r, concat: false),
        ["GinConv"] = r => new GinConv(In, 5, 4, r),
        ["ChebConv K=3"] = r => new ChebConv(In, 4, 3, r),
        ["GcnNodeClassifier"] = r => new GcnNodeClassifier(In, 5, 3, r),
        ["GatNodeClassifier"] = r => new GatNodeClassifier(In, 2, 2, 3, r),
    };

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void GradientsMatchCentralDifferences(string name)
    {
        var rng = new Random(11);
        var graph = GraphTestKit.RandomGraph(Nodes, 0.3, rng);
        var layer = Layers[name](rng);
        if (layer is GinConv gin) gin.Epsilon.Assign(DenseMatrix.Create(1, 1, 0.3)); // a nonzero epsilon
        layer.Eval();
        var x = GradientTestKit.RandomAwayFromZero(rng, Nodes, In);

        var errors = GraphTestKit.WorstRelativeErrors(v => layer.Forward(v, graph), layer, x, rng);

        errors.Should().AllSatisfy(e => e.Value.Should().BeLessThan(1e-6, $"{name}: {e.Key}"));
    }

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void RelabellingTheNodesPermutesTheOutputRows(string name)
    {
        var rng = new Random(5);
        var graph = GraphTestKit.RandomGraph(Nodes, 0.4, rng);
        var layer = Layers[name](rng);
        layer.Eval();
        var x = GradientTestKit.RandomMatrix(rng, Nodes, In);
        var permutation = GraphTestKit.Permutation(Nodes, rng);

        var output = layer.Forward(Variable.Constant(x), graph).Value;
        var permuted = layer.Forward(Variable.Constant(GraphTestKit.PermuteRows(x, permutation)), graph.Relabel(permutation)).Value;

        (permuted - GraphTestKit.PermuteRows(output, permutation)).InfinityNorm().Should().BeLessThan(1e-12);
    }

    [Fact]
    public void SparseAndDenseFeaturesGiveTheSameOutput()
    {
        var rng = new Random(3);
        var graph = GraphTestKit.RandomGraph(Nodes, 0.3, rng);
        var dense = GradientTestKit.RandomMatrix(rng, Nodes, 6).PointwiseMultiply(DenseMatrix.Create(Nodes, 6, (i, j) => (i + j) % 3 == 0 ? 1 : 0));
        var sparse = MlMath.LinearAlgebra.CsrMatrix.FromMatrix(dense);
        foreach (GraphModule layer in new GraphModule[] { new GcnConv(6, 4, rng), new GatConv(6, 2, 2, rng), new SageConv(6, 3, Aggregation.Mean, rng) })
        {
            layer.Eval();
            (layer.Forward(sparse, graph).Value - layer.Forward(Variable.Constant(dense), graph).Value).InfinityNorm().Should().BeLessThan(1e-12);
        }
    }

    [Fact]
    public void GcnConvIsAHatTimesXWPlusB()
    {
        var rng = new Random(8);
        var graph = GraphTestKit.RandomGraph(5, 0.5, rng);
        var layer = new GcnConv(3, 2, rng);
        layer.Bias!.Assign(DenseMatrix.OfArray(new[,] { { 0.5, -1.0 } }));
        var x = GradientTestKit.RandomMatrix(rng, 5, 3);
        var aHat = GcnConv.Normalize(graph).ToDense();
        var expected = aHat * x * layer.Weight.Value + DenseMatrix.Create(5, 2, (_, j) => j == 0 ? 0.5 : -1.0);

        (layer.Forward(Variable.Constant(x), graph).Value - expected).InfinityNorm().Should().BeLessThan(1e-12);
        (aHat - GraphMatrices.SymmetricNormalizedAdjacency(graph.AddSelfLoops()).ToDense()).InfinityNorm().Should().Be(0.0);
    }

    [Fact]
    public void GatAttentionSumsToOneOverEachNeighbourhood()
    {
        var rng = new Random(9);
        var graph = GraphTestKit.RandomGraph(6, 0.5, rng);
        var layer = new GatConv(3, 2, 4, rng);
        layer.Eval();
        layer.Forward(Variable.Constant(GradientTestKit.RandomMatrix(rng, 6, 3)), graph);
        var alpha = layer.LastAttention!;
        var looped = graph.AddSelfLoops();

        for (var h = 0; h < 4; h++)
        {
            for (var i = 0; i < 6; i++)
            {
                Enumerable.Range(0, looped.EdgeCount).Where(e => looped.Targets[e] == i).Sum(e => alpha[e, h]).Should().BeApproximately(1.0, 1e-12);
            }
        }
    }

    [Fact]
    public void GraphModulesRefuseTheSingleArgumentForwardAndWrongShapes()
    {
        var rng = new Random(1);
        var graph = GraphTestKit.RandomGraph(4, 0.5, rng);
        var layer = new GcnConv(3, 2, rng);
        var single = () => ((Module)layer).Forward(Variable.Constant(new DenseMatrix(4, 3)));
        single.Should().Throw<InvalidOperationException>().WithMessage("*needs the graph*");
        var wrong = () => layer.Forward(Variable.Constant(new DenseMatrix(5, 3)), graph);
        wrong.Should().Throw<ArgumentException>().WithMessage("*5x3*4 nodes*3 features*");
    }
}
