using MlMath.Autodiff;
using MlMath.LinearAlgebra;

namespace MlMath.Graphs;

/// <summary>
/// The two-layer GAT of Velickovic et al. (ICLR 2018, sec. 3.3, transductive setting): dropout, a GAT layer
/// with K heads of F features concatenated and an ELU, dropout, and an output GAT layer with one head
/// averaging to the class logits. Dropout (the paper's 0.6) acts on both layers' inputs and on the
/// attention coefficients.
/// </summary>
/// <remarks>Shapes: X n x in (sparse or dense) -> n x (K F) -> n x classes.</remarks>
public sealed class GatNodeClassifier : GraphModule
{
    private readonly Random _random;

    /// <summary>A GAT in -> (heads x hidden) -> classes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or dropout not in [0, 1).</exception>
    public GatNodeClassifier(int inFeatures, int hidden, int heads, int classes, Random random, double dropout = 0.6, int outputHeads = 1)
        : base(inFeatures, classes)
    {
        ArgumentNullException.ThrowIfNull(random);
        GraphChecks.Probability(nameof(GatNodeClassifier), nameof(dropout), dropout);
        (_random, DropoutProbability) = (random, dropout);
        First = RegisterModule("conv1", new GatConv(inFeatures, hidden, heads, random, concat: true, attentionDropout: dropout));
        Second = RegisterModule("conv2", new GatConv(hidden * heads, classes, outputHeads, random, concat: false, attentionDropout: dropout));
    }

    /// <summary>The hidden attention layer (heads concatenated).</summary>
    public GatConv First { get; }

    /// <summary>The output attention layer (heads averaged).</summary>
    public GatConv Second { get; }

    /// <summary>The dropout probability.</summary>
    public double DropoutProbability { get; }

    /// <summary>Logits for dense features.</summary>
    public override Variable Forward(Variable x, Graph graph) => Head(First.Forward(Drop(x), graph), graph);

    /// <summary>Logits for sparse features (input dropout on the stored values).</summary>
    public override Variable Forward(CsrMatrix x, Graph graph)
    {
        var input = IsTraining ? SparseDropout.ApplyCompact(x, DropoutProbability, _random) : x; // dropped entries leave the pattern (see there)
        // node-major from the first layer's sparse product to the second layer's dense one (GraphOps.NodeMajor.cs):
        // the ELU and dropout act entry by entry, so the layout does not matter to them, and no conversion is needed.
        var hidden = First.ForwardToNodeMajor(input, graph);
        return Second.ForwardFromNodeMajor(IsTraining ? GraphOps.EluDropout(hidden, DropoutProbability, _random) : hidden.Elu(), graph);
    }

    // ELU then dropout, fused: GraphOps.EluDropout(x) equals Drop(x.Elu()) (tested) in one pass.
    private Variable Head(Variable first, Graph graph) =>
        Second.Forward(IsTraining ? GraphOps.EluDropout(first, DropoutProbability, _random) : first.Elu(), graph);

    private Variable Drop(Variable x) => IsTraining && DropoutProbability > 0.0 ? GraphOps.Dropout(x, DropoutProbability, _random) : x;
}
