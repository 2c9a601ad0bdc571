using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Graphs;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Tests.Graphs;

/// <summary>
/// Graph classification: a GIN with sum pooling tells cycles from trees on 6-12 nodes, from constant node
/// features only (the structure is all there is). A tree has n - 1 edges and leaves of degree 1; a cycle has n
/// edges and every degree 2 — the 1-WL colour refinement that GIN imitates separates them in one round.
/// </summary>
public class GinClassificationTests
{
    [Fact]
    public void GinTellsCyclesFromTreesOnHeldOutGraphs()
    {
        var rng = new Random(12);
        (List<Graph> Graphs, int[] Labels) Sample(int count)
        {
            var graphs = new List<Graph>();
            var labels = new int[count];
            for (var k = 0; k < count; k++)
            {
                var n = rng.Next(6, 13);
                labels[k] = k % 2;
                graphs.Add(labels[k] == 0 ? GraphGenerators.Cycle(n) : GraphGenerators.RandomTree(n, rng));
            }

            return (graphs, labels);
        }

        var (trainGraphs, trainLabels) = Sample(80);
        var (testGraphs, testLabels) = Sample(40);
        var train = GraphBatch.Create(trainGraphs);
        var test = GraphBatch.Create(testGraphs);
        var conv1 = new GinConv(1, 16, 16, rng);
        var conv2 = new GinConv(16, 16, 16, rng);
        var readout = new Linear(16, 2, rng);
        var parameters = conv1.Parameters().Concat(conv2.Parameters()).Concat(readout.Parameters()).ToList();
        var adam = new Adam(parameters, 0.01);
        Variable Logits(GraphBatch batch)
        {
            var x = Variable.Constant(DenseMatrix.Create(batch.Graph.NodeCount, 1, 1.0));
            var h = conv2.Forward(conv1.Forward(x, batch.Graph).Relu(), batch.Graph).Relu();
            return readout.Forward(GlobalPooling.Sum(h, batch).MultiplyScalar(0.1));
        }

        for (var epoch = 0; epoch < 150; epoch++)
        {
            adam.ZeroGrad();
            Losses.SoftmaxCrossEntropy(Logits(train), trainLabels).Backward();
            adam.Step();
        }

        using var _ = GradMode.NoGrad();
        var accuracy = Metrics.Accuracy(Metrics.ArgMaxPerRow(Logits(test).Value), testLabels);
        accuracy.Should().BeGreaterThanOrEqualTo(0.95);
    }
}
