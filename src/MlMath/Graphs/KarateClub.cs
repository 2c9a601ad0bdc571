namespace MlMath.Graphs;

/// <summary>
/// Zachary's karate club: the friendships among 34 members of a university karate club, which split into two
/// factions after a dispute between the instructor ("Mr. Hi", node 0) and the administrator ("Officer",
/// node 33). The classic small test of community detection and of semi-supervised node classification.
/// </summary>
/// <remarks>
/// Source: W. W. Zachary, "An information flow model for conflict and fission in small groups", Journal of
/// Anthropological Research 33(4), 1977, 452-473: 78 undirected edges (the unweighted matrix E), with the
/// faction labels as in NetworkX's <c>karate_club_graph</c> attribute "club" (0-based node numbers).
/// Shapes: 34 nodes, 156 directed edges.
/// </remarks>
public static class KarateClub
{
    /// <summary>Number of members.</summary>
    public const int NodeCount = 34;

    private static readonly int[][] Neighbours =
    [
        [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 17, 19, 21, 31], // 0 (Mr. Hi)
        [2, 3, 7, 13, 17, 19, 21, 30],
        [3, 7, 8, 9, 13, 27, 28, 32],
        [7, 12, 13],
        [6, 10],
        [6, 10, 16],
        [16],
        [],
        [30, 32, 33],
        [33],
        [], [], [], // 10, 11, 12
        [33],
        [32, 33],
        [32, 33],
        [],
        [],
        [32, 33],
        [33],
        [32, 33],
        [],
        [32, 33],
        [25, 27, 29, 32, 33],
        [25, 27, 31],
        [31],
        [29, 33],
        [33],
        [31, 33],
        [32, 33],
        [32, 33],
        [32, 33],
        [33],
        [], // 33 (Officer)
    ];

    private static readonly int[] FactionOf =
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0,
        0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ];

    /// <summary>The 78 friendships as pairs (i, j) with i &lt; j.</summary>
    public static IReadOnlyList<(int Source, int Target)> Edges { get; } =
        Neighbours.SelectMany((js, i) => js.Select(j => (i, j))).ToArray();

    /// <summary>The faction each member joined after the split: 0 = Mr. Hi's club, 1 = the Officer's.</summary>
    public static IReadOnlyList<int> Factions => FactionOf;

    /// <summary>The undirected friendship graph (34 nodes, 156 directed edges).</summary>
    public static Graph Graph() => Graphs.Graph.FromEdgeList(NodeCount, Edges, undirected: true);
}
