using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Graphs;

namespace MlMath.Exercises.Tests;

/// <summary>Checks for exercises 4.1 to 4.3 against hand values and the library's graph layers.</summary>
public sealed class GraphExercisesTests
{
    private static readonly Graph Graph = Graph.FromEdgeList(5, [(0, 1), (1, 2), (2, 3), (3, 4), (1, 4)]);

    private static Matrix<double> Dense => Graph.Adjacency.ToDense();

    [Fact]
    public void Exercise_4_1_matches_hand_values_and_the_library()
    {
        var path = DenseMatrix.OfArray(new double[,] { { 0, 1, 0 }, { 1, 0, 1 }, { 0, 1, 0 } });
        var aHat = GraphExercises.NormalizedAdjacency(path);
        aHat[0, 1].Should().BeApproximately(1.0 / Math.Sqrt(6.0), 1e-15);
        aHat[1, 1].Should().BeApproximately(1.0 / 3.0, 1e-15);
        (GraphExercises.NormalizedAdjacency(Dense) - GcnConv.Normalize(Graph).ToDense()).InfinityNorm().Should().BeLessThan(1e-14);
    }

    [Fact]
    public void Exercise_4_2_equals_a_mean_sage_layer_followed_by_relu()
    {
        var rng = new Random(4);
        var layer = new SageConv(3, 2, Aggregation.Mean, rng);
        var x = DenseMatrix.Create(5, 3, (_, _) => rng.NextDouble() * 2 - 1);
        var expected = layer.Forward(Variable.Constant(x), Graph).Relu().Value; // bias is zero at initialisation
        var actual = GraphExercises.MessagePassingStep(Dense, x, layer.SelfWeight.Value, layer.NeighbourWeight.Value);
        (actual - expected).InfinityNorm().Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Exercise_4_3_equals_the_attention_of_a_one_head_gat_layer()
    {
        var rng = new Random(6);
        var layer = new GatConv(3, 4, 1, rng);
        layer.Eval();
        var x = DenseMatrix.Create(5, 3, (_, _) => rng.NextDouble() * 2 - 1);
        layer.Forward(Variable.Constant(x), Graph);
        var h = x * layer.Weight.Value;
        var alpha = GraphExercises.AttentionCoefficients(Dense, h, layer.AttentionSource.Value.Row(0), layer.AttentionTarget.Value.Row(0));

        alpha.RowSums().Should().AllSatisfy(s => s.Should().BeApproximately(1.0, 1e-12));
        var looped = Graph.AddSelfLoops();
        for (var e = 0; e < looped.EdgeCount; e++)
        {
            alpha[looped.Targets[e], looped.Sources[e]].Should().BeApproximately(layer.LastAttention![e, 0], 1e-12);
        }
    }
}
