using MlMath.Autodiff;
using MlMath.LinearAlgebra;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Graphs;

/// <summary>
/// Semi-supervised node classification, full batch (Kipf &amp; Welling 2017, sec. 3.1): the model sees the whole
/// graph and all features every epoch, and the loss is the softmax cross-entropy over the labelled training
/// nodes only; the unlabelled nodes still shape the representations through message passing.
/// </summary>
/// <remarks>Shapes: features n x f (CSR); logits n x classes; node lists and their labels have equal length.</remarks>
public static class NodeClassification
{
    /// <summary>One epoch: forward in training mode, L = CE(logits[train], labels[train]), backward, optimizer step.</summary>
    /// <remarks>After the step the epoch's graph is dead, and it is released (<see cref="Variable.ReleaseGraph"/>):
    /// the next epoch's node-feature matrices reuse its storage instead of new large objects (a GCN epoch on Cora
    /// allocated 1.1 MB and a GAT epoch 10 MB before this). The model's views of its last forward pass
    /// (<see cref="GatConv.LastAttention"/>, <see cref="GcnNodeClassifier.LastHidden"/>) then throw; run a forward
    /// pass to inspect them.</remarks>
    /// <returns>The training loss before the step.</returns>
    public static double TrainEpoch(GraphModule model, IOptimizer optimizer, CsrMatrix features, Graph graph,
        IReadOnlyList<int> trainNodes, IReadOnlyList<int> trainLabels)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        model.Train();
        optimizer.ZeroGrad();
        var loss = Losses.SoftmaxCrossEntropy(model.Forward(features, graph), trainNodes, trainLabels); // = CE(logits.GatherRows(trainNodes), labels), one op
        loss.Backward();
        optimizer.Step();
        var value = loss.Item;
        loss.ReleaseGraph();
        return value;
    }

    /// <summary>Class predictions (arg max of the logits) for every node, in evaluation mode without a graph of gradients.</summary>
    public static int[] Predict(GraphModule model, CsrMatrix features, Graph graph)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Eval();
        using var _ = GradMode.NoGrad();
        return Metrics.ArgMaxPerRow(model.Forward(features, graph).Value);
    }

    /// <summary>The fraction of <paramref name="nodes"/> whose predicted class equals its label.</summary>
    public static double Accuracy(IReadOnlyList<int> predictions, IReadOnlyList<int> nodes, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(labels);
        return Metrics.Accuracy(nodes.Select(i => predictions[i]).ToArray(), nodes.Select(i => labels[i]).ToArray());
    }
}
