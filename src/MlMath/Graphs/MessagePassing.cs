using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.LinearAlgebra;

namespace MlMath.Graphs;

/// <summary>
/// The three steps every layer in this namespace is made of (Gilmer et al., "Neural message passing for
/// quantum chemistry", ICML 2017; the contract of PyTorch Geometric's MessagePassing):
/// x'_i = update(x_i, aggregate_{j in N(i)} message(x_i, x_j, e_ji)).
/// </summary>
/// <remarks>
/// <para>Message: a vector per edge j -> i, computed from the endpoints' features
/// (<see cref="SourceFeatures"/> gives x_j for every edge, <see cref="TargetFeatures"/> x_i).
/// Aggregate: the messages into each node are combined by a permutation-invariant function
/// (<see cref="Aggregate"/>: sum, mean or max; <see cref="AggregateWeighted"/> for attention weights).
/// Update: the layer combines the aggregate with the node's own features (a linear map, a bias, an MLP).</para>
/// <para>When the message is the source's features scaled by a fixed edge coefficient, m_ji = S_ij x_j, message
/// and sum-aggregation together are one sparse-dense product S X (<see cref="Propagate"/>), computed in one
/// pass over the CSR arrays without materialising the E x f message matrix: GCN (S = A_hat), GraphSAGE-mean
/// (S = D^-1 A), GIN (S = A) and ChebConv (S = L_tilde) use this form.</para>
/// <para>Shapes: x is n x f (row i = node i); messages are E x f (row e = edge e in the graph's stored order);
/// aggregates are n x f.</para>
/// </remarks>
public static class MessagePassing
{
    /// <summary>The source features x_j of every edge j -> i: row e is row Sources[e] of x (a gather).</summary>
    /// <remarks>Shapes: x n x f -> E x f. Backward: scatter-add of the edge gradients into the sources.</remarks>
    public static Variable SourceFeatures(Variable x, Graph graph)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(graph);
        CheckRows("SourceFeatures", x, graph);
        return x.GatherRows(graph.SourceArray);
    }

    /// <summary>The target features x_i of every edge j -> i: row e is row Targets[e] of x.</summary>
    /// <remarks>Shapes: x n x f -> E x f.</remarks>
    public static Variable TargetFeatures(Variable x, Graph graph)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(graph);
        CheckRows("TargetFeatures", x, graph);
        return x.GatherRows(graph.TargetArray);
    }

    /// <summary>
    /// Combines the messages into each node: a_i = AGG_{e = (j -> i)} messages[e] with AGG sum, mean or max
    /// (per feature; 0 for a node without incoming edges).
    /// </summary>
    /// <remarks>Shapes: messages E x f -> n x f. Backward: sum and mean scatter the gradient back to the edges
    /// (mean divided by |N(i)|); max routes it to the edge that attained the maximum.</remarks>
    /// <exception cref="ArgumentException">messages does not have one row per edge.</exception>
    public static Variable Aggregate(Variable messages, Graph graph, Aggregation aggregation)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(graph);
        if (messages.Rows != graph.EdgeCount)
        {
            throw new ArgumentException($"MessagePassing.Aggregate: messages are {messages.Shape}, but the graph has {graph.EdgeCount} edges (one row per edge).", nameof(messages));
        }

        return aggregation switch
        {
            Aggregation.Sum => messages.ScatterAddRows(graph.TargetArray, graph.NodeCount),
            Aggregation.Mean => messages.ScatterAddRows(graph.TargetArray, graph.NodeCount)
                .MultiplyColumnVector(Variable.Constant(InverseCounts(graph))),
            Aggregation.Max => GraphOps.GroupMax(messages, graph.TargetArray, graph.NodeCount),
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "MessagePassing.Aggregate: unknown aggregation."),
        };
    }

    /// <summary>
    /// Attention-weighted sum: a_i[h] = sum_{e = (j -> i)} alpha[e, h] x_j[h], where x's columns are split into
    /// <c>heads</c> equal blocks x_j[h] and alpha has one column per head (GAT, Velickovic et al. 2018, eq. 4).
    /// One fused pass over the edges; the E x f matrix of weighted messages is never formed.
    /// </summary>
    /// <remarks>Shapes: alpha E x heads, x n x (heads f) -> n x (heads f).</remarks>
    /// <exception cref="ArgumentException">alpha is not E x heads, or x is not n x (heads f).</exception>
    public static Variable AggregateWeighted(Variable alpha, Variable x, Graph graph)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(graph);
        CheckRows("AggregateWeighted", x, graph);
        if (alpha.Rows != graph.EdgeCount || alpha.Columns == 0 || x.Columns % alpha.Columns != 0)
        {
            throw new ArgumentException($"MessagePassing.AggregateWeighted: alpha is {alpha.Shape} and x is {x.Shape}; alpha needs {graph.EdgeCount} rows (one per edge) and a column count (heads) that divides x's.", nameof(alpha));
        }

        return GraphOps.WeightedAggregate(alpha, x, graph);
    }

    /// <summary>
    /// Softmax over each node's incoming edges, per column: alpha[e, h] = exp(s[e, h]) / sum_{e' into target(e)}
    /// exp(s[e', h]) (computed with the maximum subtracted per neighbourhood, so nothing overflows). The
    /// attention normalisation of GAT (Velickovic et al., ICLR 2018, eq. 2).
    /// </summary>
    /// <remarks>Shapes: scores E x heads -> E x heads. Backward: ds = alpha .* (g - sum_neighbourhood(g .* alpha)).</remarks>
    /// <exception cref="ArgumentException">scores does not have one row per edge.</exception>
    public static Variable NeighbourhoodSoftmax(Variable scores, Graph graph)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(graph);
        if (scores.Rows != graph.EdgeCount)
        {
            throw new ArgumentException($"MessagePassing.NeighbourhoodSoftmax: scores are {scores.Shape}, but the graph has {graph.EdgeCount} edges (one row per edge).", nameof(scores));
        }

        return GraphOps.GroupSoftmax(scores, graph.TargetArray, graph.NodeCount);
    }

    /// <summary>
    /// Message m_ji = S_ij x_j with sum aggregation, fused: Y = S X for a constant sparse S (n x n) whose
    /// stored entries are the edge coefficients. Backward: dX = S^T G. One pass over the CSR arrays with
    /// vectorised rows; S may be a new matrix every call (no transpose is cached or built).
    /// </summary>
    /// <remarks>Shapes: S m x n, X n x f -> m x f. Also serves sparse node features times a weight matrix.</remarks>
    /// <exception cref="ArgumentException">S's column count differs from X's row count.</exception>
    public static Variable Propagate(CsrMatrix coefficients, Variable x)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(x);
        if (coefficients.ColumnCount != x.Rows)
        {
            throw new ArgumentException($"MessagePassing.Propagate: the coefficient matrix is {coefficients.RowCount}x{coefficients.ColumnCount}, x is {x.Shape}.", nameof(x));
        }

        return GraphOps.SparseMultiply(coefficients, x);
    }

    private static DenseMatrix InverseCounts(Graph graph)
    {
        var counts = graph.InDegreeCounts();
        var result = new DenseMatrix(graph.NodeCount, 1);
        for (var i = 0; i < counts.Length; i++) result.Values[i] = counts[i] > 0 ? 1.0 / counts[i] : 0.0;
        return result;
    }

    private static void CheckRows(string op, Variable x, Graph graph)
    {
        if (x.Rows != graph.NodeCount)
        {
            throw new ArgumentException($"MessagePassing.{op}: x is {x.Shape}, but the graph has {graph.NodeCount} nodes (one row per node).", nameof(x));
        }
    }
}
