namespace MlMath.Graphs;

/// <summary>
/// How the messages arriving at a node are combined into one vector: the "aggregate" step of message passing.
/// Each is permutation invariant (the order of the neighbours does not matter), which is what makes a
/// message-passing layer permutation equivariant.
/// </summary>
/// <remarks>
/// Sum keeps the neighbourhood's size and so can count (GIN; Xu et al., ICLR 2019, sec. 5 shows sum is the
/// most expressive of the three); mean sees only the distribution of the neighbours (GraphSAGE-mean, GCN up to
/// normalisation); max sees only the set of distinct values (GraphSAGE-pool). A node with no incoming edges
/// aggregates to 0 under all three.
/// </remarks>
public enum Aggregation
{
    /// <summary>a_i = sum_{j in N(i)} m_ji.</summary>
    Sum,

    /// <summary>a_i = (1 / |N(i)|) sum_{j in N(i)} m_ji.</summary>
    Mean,

    /// <summary>a_i = max_{j in N(i)} m_ji, per feature.</summary>
    Max,
}
