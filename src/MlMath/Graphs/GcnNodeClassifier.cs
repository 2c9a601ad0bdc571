using MlMath.Autodiff;
using MlMath.LinearAlgebra;

namespace MlMath.Graphs;

/// <summary>
/// The two-layer GCN of Kipf &amp; Welling (ICLR 2017, eq. 9): Z = A_hat dropout(ReLU(A_hat dropout(X) W0)) W1,
/// logits for softmax cross-entropy over the labelled nodes. Dropout (the paper's 0.5) acts on the input
/// features and on the hidden layer in training.
/// </summary>
/// <remarks>Shapes: X n x in (sparse or dense) -> n x hidden -> n x classes.</remarks>
public sealed class GcnNodeClassifier : GraphModule
{
    private readonly Random _random;

    /// <summary>A GCN in -> hidden -> classes with dropout probability <paramref name="dropout"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A width is not positive or dropout not in [0, 1).</exception>
    public GcnNodeClassifier(int inFeatures, int hidden, int classes, Random random, double dropout = 0.5)
        : base(inFeatures, classes)
    {
        ArgumentNullException.ThrowIfNull(random);
        GraphChecks.Probability(nameof(GcnNodeClassifier), nameof(dropout), dropout);
        (_random, DropoutProbability) = (random, dropout);
        First = RegisterModule("conv1", new GcnConv(inFeatures, hidden, random));
        Second = RegisterModule("conv2", new GcnConv(hidden, classes, random));
    }

    /// <summary>The first layer (in -> hidden).</summary>
    public GcnConv First { get; }

    /// <summary>The second layer (hidden -> classes).</summary>
    public GcnConv Second { get; }

    /// <summary>The dropout probability.</summary>
    public double DropoutProbability { get; }

    /// <summary>The hidden representation of the last forward pass (n x hidden, after ReLU and, in training, dropout), for plots.</summary>
    /// <exception cref="InvalidOperationException">The last forward pass's graph was released before this was first read
    /// (<see cref="NodeClassification.TrainEpoch"/> and <see cref="NodeClassification.Predict"/> release theirs): call Forward to inspect it.</exception>
    public Variable? LastHidden => _lastHidden ??= _lastHiddenNodeMajor is null ? null : GraphOps.Transpose(_lastHiddenNodeMajor);

    private Variable? _lastHidden;
    private Variable? _lastHiddenNodeMajor; // the sparse path's hidden layer, node-major (hidden x n), turned on demand

    /// <summary>Logits for dense features.</summary>
    public override Variable Forward(Variable x, Graph graph) => Head(First.Forward(Drop(x), graph), graph);

    /// <summary>Logits for sparse features (input dropout on the stored values).</summary>
    public override Variable Forward(CsrMatrix x, Graph graph)
    {
        var input = IsTraining ? SparseDropout.Apply(x, DropoutProbability, _random) : x;
        // node-major from the first sparse product to the last (GraphOps.NodeMajor.cs): ReLU and dropout act entry by
        // entry, so the layout does not matter to them, and only the logits are turned to n x classes.
        var hidden = IsTraining && DropoutProbability > 0.0
            ? First.ForwardToNodeMajorReluDropout(input, graph, DropoutProbability, _random) // = Activate(First.ForwardToNodeMajor(...)), one op
            : Activate(First.ForwardToNodeMajor(input, graph));
        if (!ReferenceEquals(input, x)) hidden.KeepScratch(input.ValueArray); // the dropped-out values, read by the layer's backward rule
        (_lastHidden, _lastHiddenNodeMajor) = (null, hidden);
        return Second.ForwardFromNodeMajor(_lastHiddenNodeMajor, graph);
    }

    private Variable Head(Variable first, Graph graph)
    {
        (_lastHidden, _lastHiddenNodeMajor) = (Activate(first), null);
        return Second.Forward(_lastHidden, graph);
    }

    // ReLU then dropout, fused in training: GraphOps.ReluDropout(x) equals Drop(x.Relu()) (tested) in one pass.
    private Variable Activate(Variable first) =>
        IsTraining && DropoutProbability > 0.0 ? GraphOps.ReluDropout(first, DropoutProbability, _random) : first.Relu();

    private Variable Drop(Variable x) => IsTraining && DropoutProbability > 0.0 ? GraphOps.Dropout(x, DropoutProbability, _random) : x;
}
