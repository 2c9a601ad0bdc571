using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Graphs;
using MlMath.LinearAlgebra;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Tests.Graphs;

/// <summary>
/// NodeClassification.TrainEpoch releases each epoch's graph, so the next epoch reuses its arrays. Training must be
/// exactly what a loop that releases nothing gives: any array handed back while still in use would show up as a
/// different bit somewhere in the parameters.
/// </summary>
public sealed class ReleasedTrainingTests
{
    // Sizes chosen so that every node-feature matrix, attention array and dropped-out feature array is large enough
    // (>= 4096 doubles) to be recycled.
    private const int Nodes = 600;
    private const int Features = 120;

    [Fact]
    public void Gcn_training_with_released_graphs_matches_training_without_bit_for_bit()
    {
        var (graph, features, train, labels) = Problem();
        var released = new GcnNodeClassifier(Features, 16, 3, new Random(5), dropout: 0.5);
        var kept = new GcnNodeClassifier(Features, 16, 3, new Random(5), dropout: 0.5);
        CompareTraining(released, kept, graph, features, train, labels, 0.01);
    }

    [Fact]
    public void Gat_training_with_released_graphs_matches_training_without_bit_for_bit()
    {
        var (graph, features, train, labels) = Problem();
        var released = new GatNodeClassifier(Features, 8, 8, 3, new Random(6));
        var kept = new GatNodeClassifier(Features, 8, 8, 3, new Random(6));
        CompareTraining(released, kept, graph, features, train, labels, 0.005);
        // The attention of a released training graph is gone, and says so.
        var read = () => released.First.LastAttention;
        read.Should().Throw<InvalidOperationException>().WithMessage("*released*");
        released.Eval();
        released.Forward(features, graph);
        released.First.LastAttention!.RowCount.Should().Be(graph.EdgeCount + Nodes);
    }

    [Fact]
    public void Predict_gives_the_predictions_of_a_no_grad_forward_and_releases_its_graph()
    {
        var (graph, features, train, labels) = Problem();
        var model = new GatNodeClassifier(Features, 8, 8, 3, new Random(7));
        var adam = new Adam(model.Parameters(), 0.005, weightDecay: 5e-4);
        for (var epoch = 0; epoch < 3; epoch++) NodeClassification.TrainEpoch(model, adam, features, graph, train, labels);
        var parameters = model.Parameters().Select(p => p.Value.Clone()).ToArray();

        var predictions = NodeClassification.Predict(model, features, graph);

        // the released pass's attention is gone, and the model is unchanged
        var read = () => model.First.LastAttention;
        read.Should().Throw<InvalidOperationException>().WithMessage("*released*");
        model.Parameters().Select(p => p.Value).Should().BeEquivalentTo(parameters);
        // the reference: arg max of the logits of an evaluation forward without a graph
        model.Eval();
        using (GradMode.NoGrad())
        {
            predictions.Should().Equal(Metrics.ArgMaxPerRow(model.Forward(features, graph).Value));
        }

        // a second round gives the same predictions (nothing it reuses was still in use)
        NodeClassification.Predict(model, features, graph).Should().Equal(predictions);
    }

    private static void CompareTraining(GraphModule released, GraphModule kept, Graph graph, CsrMatrix features, int[] train, int[] labels, double rate)
    {
        var releasedAdam = new Adam(released.Parameters(), rate, weightDecay: 5e-4);
        var keptAdam = new Adam(kept.Parameters(), rate, weightDecay: 5e-4);
        var returnedBefore = GradientBufferPool.ReturnedOnThisThread;
        for (var epoch = 0; epoch < 6; epoch++)
        {
            var releasedLoss = NodeClassification.TrainEpoch(released, releasedAdam, features, graph, train, labels);

            // TrainEpoch's body without the release
            kept.Train();
            keptAdam.ZeroGrad();
            var loss = Losses.SoftmaxCrossEntropy(kept.Forward(features, graph).GatherRows(train), labels);
            loss.Backward();
            keptAdam.Step();

            releasedLoss.Should().Be(loss.Item, $"epoch {epoch}");
        }

        var releasedParameters = released.Parameters().ToArray();
        var keptParameters = kept.Parameters().ToArray();
        for (var k = 0; k < releasedParameters.Length; k++)
        {
            ((DenseMatrix)releasedParameters[k].Value).Values.Should().Equal(((DenseMatrix)keptParameters[k].Value).Values, $"parameter {k}");
        }

        // Arrays did go back to the pool, so the comparison tested reuse.
        GradientBufferPool.ReturnedOnThisThread.Should().BeGreaterThan(returnedBefore);
    }

    private static (Graph Graph, CsrMatrix Features, int[] Train, int[] Labels) Problem()
    {
        var random = new Random(11);
        var (graph, blocks) = GraphGenerators.StochasticBlockModel([200, 200, 200], 0.03, 0.004, random);
        // sparse features (about 10% stored), row-normalised, a little informative about the block
        var dense = DenseMatrix.Create(Nodes, Features, (i, j) =>
            random.NextDouble() < 0.1 ? random.NextDouble() + (j % 3 == blocks[i] ? 0.5 : 0.0) : 0.0);
        for (var i = 0; i < Nodes; i++) dense.SetRow(i, dense.Row(i) / Math.Max(dense.Row(i).Sum(), 1e-12));
        var train = Enumerable.Range(0, Nodes).Where(i => i % 5 == 0).ToArray();
        return (graph, CsrMatrix.FromMatrix(dense), train, train.Select(i => blocks[i]).ToArray());
    }
}
