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

    /// <summary>Class predictions (arg max of the logits) for every node, in evaluation mode.</summary>
    /// <remarks>The forward pass is recorded as a graph, although no gradient is taken, so that its node-feature
    /// matrices can be released (<see cref="Variable.ReleaseGraph"/>) once the predictions are read: under
    /// <see cref="GradMode.NoGrad"/> every result is a free-standing constant that only the garbage collector
    /// can reclaim, and evaluating GAT on Cora after every epoch (early stopping) then put 5 MB of large objects
    /// between two training epochs. The model's views of this pass (<see cref="GatConv.LastAttention"/>,
    /// <see cref="GcnNodeClassifier.LastHidden"/>) are released with it: call <c>model.Forward</c> to inspect them.</remarks>
    public static int[] Predict(GraphModule model, CsrMatrix features, Graph graph)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Eval();
        var logits = model.Forward(features, graph);
        var predictions = Metrics.ArgMaxPerRow(logits.Value);
        logits.ReleaseGraph();
        return predictions;
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
