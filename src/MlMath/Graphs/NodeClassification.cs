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
    /// <returns>The training loss before the step.</returns>
    public static double TrainEpoch(GraphModule model, IOptimizer optimizer, CsrMatrix features, Graph graph,
        IReadOnlyList<int> trainNodes, IReadOnlyList<int> trainLabels)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        model.Train();
        optimizer.ZeroGrad();
        var loss = Losses.SoftmaxCrossEntropy(model.Forward(features, graph).GatherRows(trainNodes), trainLabels);
        loss.Backward();
        optimizer.Step();
        return loss.Item;
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
