using MlMath.Autodiff;
using MlMath.LinearAlgebra;
using MlMath.NeuralNetworks;

namespace MlMath.Graphs;

/// <summary>
/// The graph convolution of Kipf &amp; Welling, "Semi-supervised classification with graph convolutional
/// networks", ICLR 2017, eq. 2: X' = A_hat X W + b with A_hat = D^-1/2 (A + I) D^-1/2.
/// </summary>
/// <remarks>
/// <para>As message passing: message m_ji = A_hat_ij (x_j W), the neighbour's transformed features scaled by
/// 1 / sqrt(d_i d_j); aggregate = sum over N(i) plus the node itself (the self loop); update = add b. Message
/// and sum are one sparse product A_hat (X W) (<see cref="MessagePassing.Propagate"/>); X W is computed first
/// because it has fewer columns than X. The same is the first-order Chebyshev filter with lambda_max = 2 and
/// one shared parameter per order (the paper's sec. 2.2).</para>
/// <para>A_hat is computed once per graph and cached. Weights: Glorot uniform, bias zeros (as the paper).</para>
/// <para>Shapes: X n x in (dense or sparse), W in x out, b 1 x out, result n x out.</para>
/// </remarks>
public sealed class GcnConv : GraphModule
{
    private Graph? _cachedGraph;
    private CsrMatrix? _cachedPropagation;

    /// <summary>A layer mapping <paramref name="inFeatures"/> to <paramref name="outFeatures"/> per node.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A width is not positive.</exception>
    public GcnConv(int inFeatures, int outFeatures, Random random, bool bias = true) : base(inFeatures, outFeatures)
    {
        ArgumentNullException.ThrowIfNull(random);
        Weight = RegisterParameter("weight", new Parameter(Initializers.GlorotUniform(inFeatures, outFeatures, random), "weight"));
        if (bias) Bias = RegisterParameter("bias", new Parameter(Initializers.Zeros(1, outFeatures), "bias"));
    }

    /// <summary>W, in x out.</summary>
    public Parameter Weight { get; }

    /// <summary>b, 1 x out (null without bias).</summary>
    public Parameter? Bias { get; }

    /// <summary>The propagation matrix A_hat = D^-1/2 (A + I) D^-1/2 of a graph (self loops added where missing).</summary>
    public static CsrMatrix Normalize(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return GraphMatrices.SymmetricNormalizedAdjacency(graph.AddSelfLoops());
    }

    /// <summary>X' = A_hat (X W) + b.</summary>
    /// <exception cref="ArgumentException">x is not n x in.</exception>
    public override Variable Forward(Variable x, Graph graph)
    {
        GraphChecks.NodeFeatures(nameof(GcnConv), x, graph, InFeatures);
        return Propagate(GraphOps.Linear(x, Weight), graph);
    }

    /// <summary>X' = A_hat (X W) + b with X W a sparse-dense product.</summary>
    /// <exception cref="ArgumentException">x is not n x in.</exception>
    public override Variable Forward(CsrMatrix x, Graph graph)
    {
        return GraphOps.Transpose(ForwardToNodeMajor(x, graph));
    }

    /// <summary>
    /// The layer on sparse features with a node-major result (out x n, see GraphOps.NodeMajor.cs): X W and A_hat (X W) + b
    /// both node-major, so that no layout conversion sits between the two sparse products.
    /// </summary>
    internal Variable ForwardToNodeMajor(CsrMatrix x, Graph graph)
    {
        GraphChecks.NodeFeatures(nameof(GcnConv), x, graph, InFeatures);
        return GraphOps.SparseMultiplyNodeMajorInput(PropagationMatrix(graph), GraphOps.SparseMultiplyNodeMajor(x, Weight), Bias);
    }

    /// <summary>
    /// As <see cref="ForwardToNodeMajor"/> followed by ReLU and inverted dropout with probability <paramref name="p"/>,
    /// in one op that keeps only its output (<see cref="GraphOps.GcnHiddenLayerNodeMajor"/>).
    /// </summary>
    internal Variable ForwardToNodeMajorReluDropout(CsrMatrix x, Graph graph, double p, Random random)
    {
        GraphChecks.NodeFeatures(nameof(GcnConv), x, graph, InFeatures);
        return GraphOps.GcnHiddenLayerNodeMajor(PropagationMatrix(graph), x, Weight, Bias, p, random);
    }

    /// <summary>The layer on node-major features X^T (in x n): A_hat (X W) + b node-major, turned to n x out at the end.</summary>
    internal Variable ForwardFromNodeMajor(Variable nodeMajorX, Graph graph)
    {
        if (nodeMajorX.Rows != InFeatures || nodeMajorX.Columns != graph.NodeCount)
        {
            throw new ArgumentException($"GcnConv: node-major features are {nodeMajorX.Shape}, expected {InFeatures}x{graph.NodeCount}.", nameof(nodeMajorX));
        }

        return GraphOps.GcnLayerFromNodeMajor(PropagationMatrix(graph), nodeMajorX, Weight, Bias); // = Transpose(Propagate(Linear))
    }

    private Variable Propagate(Variable transformed, Graph graph)
    {
        // message m_ji = A_hat_ij h_j and aggregate (sum over j): one pass over A_hat's CSR arrays
        // (MessagePassing.Propagate); update: add the bias, fused into the same op.
        return GraphOps.SparseMultiply(PropagationMatrix(graph), transformed, Bias);
    }

    private CsrMatrix PropagationMatrix(Graph graph)
    {
        if (!ReferenceEquals(graph, _cachedGraph))
        {
            _cachedPropagation = Normalize(graph);
            _cachedGraph = graph;
        }

        return _cachedPropagation!;
    }
}
