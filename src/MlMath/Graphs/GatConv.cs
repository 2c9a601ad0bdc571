using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.LinearAlgebra;
using MlMath.NeuralNetworks;

namespace MlMath.Graphs;

/// <summary>
/// The graph attention layer of Velickovic et al., "Graph attention networks", ICLR 2018, eq. 1-6: per head k,
/// h = X W^k, e_ji = LeakyReLU(a_s^k . h_j + a_t^k . h_i), alpha_ji = softmax over j in N(i) of e_ji,
/// x'_i = sum_j alpha_ji h_j; heads concatenated (hidden layers) or averaged (output layer), plus a bias.
/// </summary>
/// <remarks>
/// <para>As message passing: the message is the neighbour's transformed features h_j weighted by a learned,
/// normalised attention coefficient alpha_ji (GCN's is the fixed 1 / sqrt(d_i d_j)); aggregate = sum over
/// N(i), including i itself (self loops are added where missing, as in the paper); update = concatenate or
/// average the heads and add b. The paper's a^T [W x_i || W x_j] is split into a_t . h_i + a_s . h_j, so the
/// node-level dot products are computed once per node rather than once per edge.</para>
/// <para>Attention dropout (the paper's 0.6 on Cora) zeroes coefficients alpha_ji in training, so each node
/// sees a random subset of its neighbourhood. Weights Glorot uniform (a_s and a_t with the bound sqrt(6 / (heads + out)) of a heads x out tensor), bias zeros.</para>
/// <para>Shapes: X n x in; W in x (heads out); a_s, a_t 1 x (heads out); scores and alpha E x heads; result
/// n x (heads out) when concatenating, n x out when averaging.</para>
/// </remarks>
public sealed class GatConv : GraphModule
{
    private readonly Random _random;
    private Graph? _cachedGraph;
    private Graph? _cachedWithLoops;

    /// <summary>A layer with <paramref name="heads"/> heads of <paramref name="outPerHead"/> features each.</summary>
    /// <param name="inFeatures">Input features per node.</param>
    /// <param name="outPerHead">Output features per head.</param>
    /// <param name="heads">Number of attention heads K.</param>
    /// <param name="random">Initialisation and attention dropout.</param>
    /// <param name="concat">Concatenate the heads (true) or average them (false).</param>
    /// <param name="negativeSlope">LeakyReLU slope of the scores (the paper's 0.2).</param>
    /// <param name="attentionDropout">Dropout probability of the coefficients in training.</param>
    /// <param name="bias">Whether to add a learned bias.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the dropout not in [0, 1).</exception>
    public GatConv(int inFeatures, int outPerHead, int heads, Random random, bool concat = true,
        double negativeSlope = 0.2, double attentionDropout = 0.0, bool bias = true)
        : base(inFeatures, concat ? outPerHead * heads : outPerHead)
    {
        ArgumentNullException.ThrowIfNull(random);
        GraphChecks.Positive(nameof(GatConv), nameof(outPerHead), outPerHead);
        GraphChecks.Positive(nameof(GatConv), nameof(heads), heads);
        GraphChecks.Probability(nameof(GatConv), nameof(attentionDropout), attentionDropout);
        (Heads, OutPerHead, Concat, NegativeSlope, AttentionDropout, _random) =
            (heads, outPerHead, concat, negativeSlope, attentionDropout, random);
        var width = heads * outPerHead;
        var attentionBound = Math.Sqrt(6.0 / (heads + outPerHead)); // Glorot bound of a heads x out tensor, as PyTorch Geometric
        Weight = RegisterParameter("weight", new Parameter(Initializers.GlorotUniform(inFeatures, width, random), "weight"));
        AttentionSource = RegisterParameter("att_source", new Parameter(Initializers.Uniform(1, width, attentionBound, random), "att_source"));
        AttentionTarget = RegisterParameter("att_target", new Parameter(Initializers.Uniform(1, width, attentionBound, random), "att_target"));
        if (bias) Bias = RegisterParameter("bias", new Parameter(Initializers.Zeros(1, OutFeatures), "bias"));
    }

    /// <summary>Number of heads K.</summary>
    public int Heads { get; }

    /// <summary>Features per head.</summary>
    public int OutPerHead { get; }

    /// <summary>Whether the heads are concatenated (else averaged).</summary>
    public bool Concat { get; }

    /// <summary>The LeakyReLU slope for negative scores.</summary>
    public double NegativeSlope { get; }

    /// <summary>Dropout probability of the attention coefficients in training.</summary>
    public double AttentionDropout { get; }

    /// <summary>W, in x (heads out): column block k is head k's W^k.</summary>
    public Parameter Weight { get; }

    /// <summary>a_s, 1 x (heads out): block k scores the source (neighbour) j of head k.</summary>
    public Parameter AttentionSource { get; }

    /// <summary>a_t, 1 x (heads out): block k scores the target i of head k.</summary>
    public Parameter AttentionTarget { get; }

    /// <summary>b, 1 x out (null without bias).</summary>
    public Parameter? Bias { get; }

    /// <summary>
    /// The attention coefficients of the last forward pass (E' x heads, in the edge order of the graph with self
    /// loops added; after attention dropout in training), for inspection.
    /// </summary>
    /// <exception cref="InvalidOperationException">The last forward pass's graph was released
    /// (<see cref="Variable.ReleaseGraph"/>, as <see cref="NodeClassification.TrainEpoch"/> and <see cref="NodeClassification.Predict"/> do): the coefficients'
    /// storage went back with it. Run a forward pass (e.g. in evaluation mode) to inspect them.</exception>
    public Matrix<double>? LastAttention => _lastAttentionOwner is { IsReleased: true }
        ? throw new InvalidOperationException("LastAttention: the coefficients belonged to a graph that was released (ReleaseGraph, as NodeClassification.TrainEpoch and Predict do when they are done with it); call Forward to inspect them.")
        : _lastAttention;

    private Matrix<double>? _lastAttention;
    private Variable? _lastAttentionOwner; // the op's output, whose graph the coefficients are released with

    /// <summary>The layer on dense features.</summary>
    /// <exception cref="ArgumentException">x is not n x in.</exception>
    public override Variable Forward(Variable x, Graph graph)
    {
        GraphChecks.NodeFeatures(nameof(GatConv), x, graph, InFeatures);
        return Attend(GraphOps.Transpose(GraphOps.Linear(x, Weight)), graph);
    }

    /// <summary>The layer on sparse features (X W as a sparse-dense product).</summary>
    /// <exception cref="ArgumentException">x is not n x in.</exception>
    public override Variable Forward(CsrMatrix x, Graph graph)
    {
        GraphChecks.NodeFeatures(nameof(GatConv), x, graph, InFeatures);
        return Attend(GraphOps.SparseMultiplyNodeMajor(x, Weight), graph);
    }

    /// <summary>
    /// The concatenating layer on sparse features with a node-major result ((heads out) x n, see GraphOps.NodeMajor.cs),
    /// for a next layer that reads node-major input (<see cref="ForwardFromNodeMajor"/>): no layout conversion between.
    /// </summary>
    internal Variable ForwardToNodeMajor(CsrMatrix x, Graph graph)
    {
        GraphChecks.NodeFeatures(nameof(GatConv), x, graph, InFeatures);
        if (!(Concat || Heads == 1)) throw new InvalidOperationException("GatConv: a node-major result needs concatenated heads.");
        return AttendNodeMajor(GraphOps.SparseMultiplyNodeMajor(x, Weight), graph);
    }

    /// <summary>The layer on node-major features X^T (in x n): h^T = W^T X^T (<see cref="GraphOps.LinearNodeMajor"/>); the result is n x out.</summary>
    internal Variable ForwardFromNodeMajor(Variable nodeMajorX, Graph graph)
    {
        if (nodeMajorX.Rows != InFeatures || nodeMajorX.Columns != graph.NodeCount)
        {
            throw new ArgumentException($"GatConv: node-major features are {nodeMajorX.Shape}, expected {InFeatures}x{graph.NodeCount}.", nameof(nodeMajorX));
        }

        return Attend(GraphOps.LinearNodeMajor(nodeMajorX, Weight), graph);
    }

    // h arrives node-major (h^T, see GraphOps.NodeMajor.cs): the sparse product writes it that way and the attention
    // kernels read it that way; the aggregate is turned back to n x width once, at the end.
    private Variable Attend(Variable nodeMajorH, Graph graph)
    {
        if (Concat || Heads == 1) return GraphOps.Transpose(AttendNodeMajor(nodeMajorH, graph));
        // update when averaging: the mean of the heads, then the bias.
        var averaged = Variable.MatMulTransposeB(GraphOps.Transpose(AttendNodeMajor(nodeMajorH, graph)), Variable.Constant(HeadAverage()));
        return Bias is null ? averaged : averaged.AddRowVector(Bias);
    }

    private Variable AttendNodeMajor(Variable nodeMajorH, Graph graph)
    {
        var g = WithSelfLoops(graph);
        var concatenated = Concat || Heads == 1;
        // message weights: alpha_ji = softmax over j in N(i) of LeakyReLU(a_s . h_j + a_t . h_i), per head, with
        // attention dropout in training; aggregate: x'_i[k] = sum_j alpha_ji[k] h_j[k]; update: + b (heads
        // concatenated). All in one fused op, which equals (tested) the composition
        //   AggregateWeighted(Dropout(NeighbourhoodSoftmax((SourceFeatures(h a_s) + TargetFeatures(h a_t)).LeakyRelu(slope))), h) + b.
        var (nodeMajorAggregated, alpha) = GraphOps.GatPropagate(nodeMajorH, AttentionSource, AttentionTarget, concatenated ? Bias : null, g, Heads,
            NegativeSlope, IsTraining ? AttentionDropout : 0.0, _random);
        (_lastAttention, _lastAttentionOwner) = (alpha, nodeMajorAggregated);
        return nodeMajorAggregated;
    }

    /// <summary>(heads out) -> out averaging matrix, transposed: M[o, k out + o] = 1 / heads.</summary>
    private DenseMatrix HeadAverage()
    {
        var m = new DenseMatrix(OutPerHead, Heads * OutPerHead);
        for (var k = 0; k < Heads; k++)
        {
            for (var o = 0; o < OutPerHead; o++) m[o, k * OutPerHead + o] = 1.0 / Heads;
        }

        return m;
    }

    private Graph WithSelfLoops(Graph graph)
    {
        if (!ReferenceEquals(graph, _cachedGraph))
        {
            _cachedWithLoops = graph.AddSelfLoops();
            _cachedGraph = graph;
        }

        return _cachedWithLoops!;
    }
}
