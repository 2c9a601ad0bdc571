using MlMath.Autodiff;
using MlMath.LinearAlgebra;
using MlMath.NeuralNetworks;

namespace MlMath.Graphs;

/// <summary>
/// The GraphSAGE layer of Hamilton, Ying &amp; Leskovec, "Inductive representation learning on large graphs",
/// NeurIPS 2017, alg. 1 and sec. 3.3: x'_i = W_self x_i + W_neigh AGG_{j in N(i)} m_j + b, with
/// mean aggregation m_j = x_j, or max-pooling aggregation m_j = ReLU(W_pool x_j + b_pool) and AGG = max.
/// </summary>
/// <remarks>
/// <para>As message passing: the message is the neighbour's features (mean) or a learned transformation of
/// them (pool); aggregate = mean or max over N(i) (no self loop: the node's own features enter in the
/// update); update = W_self x_i + W_neigh a_i + b, the paper's concatenation [x_i || a_i] times one matrix,
/// written as two. Mean aggregation is the sparse product D^-1 A X (<see cref="GraphMatrices.RandomWalkNormalizedAdjacency"/>).
/// The paper's optional l2 normalisation of the output is left to the model.</para>
/// <para>Shapes: X n x in; W_self, W_neigh in x out (pool: W_pool in x in); result n x out.</para>
/// </remarks>
public sealed class SageConv : GraphModule
{
    private Graph? _cachedGraph;
    private CsrMatrix? _cachedMean;

    /// <summary>A layer with mean (<see cref="Aggregation.Mean"/>) or max-pooling (<see cref="Aggregation.Max"/>) aggregation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A width is not positive, or the aggregation is Sum.</exception>
    public SageConv(int inFeatures, int outFeatures, Aggregation aggregation, Random random) : base(inFeatures, outFeatures)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (aggregation is not (Aggregation.Mean or Aggregation.Max))
        {
            throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "SageConv: GraphSAGE aggregates by Mean or Max (pooling).");
        }

        Aggregation = aggregation;
        if (aggregation == Aggregation.Max) Pool = RegisterModule("pool", new Linear(inFeatures, inFeatures, random));
        SelfWeight = RegisterParameter("weight_self", new Parameter(Initializers.GlorotUniform(inFeatures, outFeatures, random), "weight_self"));
        NeighbourWeight = RegisterParameter("weight_neighbour", new Parameter(Initializers.GlorotUniform(inFeatures, outFeatures, random), "weight_neighbour"));
        Bias = RegisterParameter("bias", new Parameter(Initializers.Zeros(1, outFeatures), "bias"));
    }

    /// <summary>Mean or Max (pooling).</summary>
    public Aggregation Aggregation { get; }

    /// <summary>The pooling transformation W_pool x + b_pool (Max only; null for Mean).</summary>
    public Linear? Pool { get; }

    /// <summary>W_self, in x out.</summary>
    public Parameter SelfWeight { get; }

    /// <summary>W_neigh, in x out.</summary>
    public Parameter NeighbourWeight { get; }

    /// <summary>b, 1 x out.</summary>
    public Parameter Bias { get; }

    /// <summary>x'_i = W_self x_i + W_neigh AGG_j m_j + b.</summary>
    /// <exception cref="ArgumentException">x is not n x in.</exception>
    public override Variable Forward(Variable x, Graph graph)
    {
        GraphChecks.NodeFeatures(nameof(SageConv), x, graph, InFeatures);
        Variable aggregated;
        if (Aggregation == Aggregation.Mean)
        {
            // message m_ji = x_j / |N(i)| and sum: one sparse product with D^-1 A.
            aggregated = MessagePassing.Propagate(MeanMatrix(graph), x);
        }
        else
        {
            // message m_ji = ReLU(W_pool x_j + b_pool) (computed per node, then gathered per edge); aggregate: max.
            var messages = MessagePassing.SourceFeatures(Pool!.Forward(x).Relu(), graph);
            aggregated = MessagePassing.Aggregate(messages, graph, Aggregation.Max);
        }

        // update: W_self x_i + W_neigh a_i + b.
        return (GraphOps.Linear(x, SelfWeight) + GraphOps.Linear(aggregated, NeighbourWeight)).AddRowVector(Bias);
    }

    private CsrMatrix MeanMatrix(Graph graph)
    {
        if (!ReferenceEquals(graph, _cachedGraph))
        {
            _cachedMean = GraphMatrices.RandomWalkNormalizedAdjacency(graph);
            _cachedGraph = graph;
        }

        return _cachedMean!;
    }
}
