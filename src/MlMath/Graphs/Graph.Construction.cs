using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.LinearAlgebra;

namespace MlMath.Graphs;

// The ways to make a graph: edge arrays, an edge list (optionally undirected), a dense or sparse adjacency
// matrix, and the k nearest neighbours of points. All of them end in Build, which validates and sorts.
public sealed partial class Graph
{
    /// <summary>
    /// A graph from edge arrays: edge k goes from <paramref name="sources"/>[k] to <paramref name="targets"/>[k]
    /// with weight <paramref name="weights"/>[k] (or 1 when null). The edges are stored sorted by (target, source).
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length, an edge has an endpoint that is negative
    /// or not below <paramref name="nodeCount"/>, an edge appears twice, or a weight is not finite.</exception>
    public static Graph FromEdges(int nodeCount, IReadOnlyList<int> sources, IReadOnlyList<int> targets,
        IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        return Build(nodeCount, sources, targets, weights, "Graph.FromEdges");
    }

    /// <summary>
    /// A graph from a list of (source, target) pairs; with <paramref name="undirected"/> each pair {i, j} is
    /// stored as the two edges i -> j and j -> i (a pair listed in both directions is taken once).
    /// </summary>
    /// <exception cref="ArgumentException">An endpoint is out of range or an edge repeats (see <see cref="FromEdges"/>).</exception>
    public static Graph FromEdgeList(int nodeCount, IEnumerable<(int Source, int Target)> edges, bool undirected = true)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var list = edges.ToList();
        if (!undirected) return Build(nodeCount, list.Select(e => e.Source).ToArray(), list.Select(e => e.Target).ToArray(), null, "Graph.FromEdgeList");
        for (var k = 0; k < list.Count; k++) GraphChecks.Edge("Graph.FromEdgeList", k, list[k].Source, list[k].Target, nodeCount);
        var both = new HashSet<(int, int)>();
        foreach (var (s, t) in list)
        {
            both.Add((s, t));
            both.Add((t, s));
        }

        return Build(nodeCount, both.Select(e => e.Item1).ToArray(), both.Select(e => e.Item2).ToArray(), null, "Graph.FromEdgeList");
    }

    /// <summary>
    /// A graph from an adjacency matrix with A[i, j] = w(j -> i) (for a symmetric matrix the orientation does not
    /// matter): every nonzero entry becomes an edge with that weight. An all-ones-and-zeros matrix gives an
    /// unweighted graph.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not square or has a non-finite entry.</exception>
    public static Graph FromAdjacency(Matrix<double> adjacency)
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        return FromAdjacency(CsrMatrix.FromMatrix(adjacency));
    }

    /// <summary>A graph from a sparse adjacency matrix with A[i, j] = w(j -> i); stored zeros are skipped.</summary>
    /// <exception cref="ArgumentException">The matrix is not square or has a non-finite entry.</exception>
    public static Graph FromAdjacency(CsrMatrix adjacency)
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        if (adjacency.RowCount != adjacency.ColumnCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Graph.FromAdjacency: the adjacency matrix is {adjacency.RowCount}x{adjacency.ColumnCount}, not square."), nameof(adjacency));
        }

        var (sources, targets, weights) = (new List<int>(), new List<int>(), new List<double>());
        for (var i = 0; i < adjacency.RowCount; i++)
        {
            for (var k = adjacency.RowPointers[i]; k < adjacency.RowPointers[i + 1]; k++)
            {
                if (adjacency.Values[k] == 0.0) continue;
                sources.Add(adjacency.ColumnIndices[k]);
                targets.Add(i);
                weights.Add(adjacency.Values[k]);
            }
        }

        return Build(adjacency.RowCount, sources, targets, weights.All(w => w == 1.0) ? null : weights, "Graph.FromAdjacency");
    }

    /// <summary>
    /// The k-nearest-neighbour graph of points (rows of <paramref name="points"/>, Euclidean distance): an edge
    /// j -> i for each of the k points j nearest to i (ties broken by lower index). With
    /// <paramref name="symmetric"/> the reverse edges are added too, so that the graph is undirected.
    /// Brute force, O(n^2 d): fine for the few thousand points of manifold-learning examples.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not in 1 .. n - 1.</exception>
    public static Graph KNearestNeighbors(Matrix<double> points, int k, bool symmetric = true)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.RowCount;
        if (k < 1 || k >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, string.Create(CultureInfo.InvariantCulture,
                $"Graph.KNearestNeighbors: k = {k} must be in 1..{n - 1} for {n} points."));
        }

        var edges = new HashSet<(int, int)>();
        var distances = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var c = 0; c < points.ColumnCount; c++)
                {
                    var d = points[i, c] - points[j, c];
                    sum += d * d;
                }

                distances[j] = sum;
            }

            var self = i;
            foreach (var j in Enumerable.Range(0, n).Where(j => j != self).OrderBy(j => distances[j]).ThenBy(j => j).Take(k))
            {
                edges.Add((j, i));
                if (symmetric) edges.Add((i, j));
            }
        }

        return Build(n, edges.Select(e => e.Item1).ToArray(), edges.Select(e => e.Item2).ToArray(), null, "Graph.KNearestNeighbors");
    }

    /// <summary>Validates the edges, sorts them by (target, source) and rejects duplicates.</summary>
    internal static Graph Build(int nodeCount, IReadOnlyList<int> sources, IReadOnlyList<int> targets,
        IReadOnlyList<double>? weights, string op)
    {
        if (nodeCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeCount), nodeCount, $"{op}: the node count must not be negative.");
        }

        if (sources.Count != targets.Count || (weights is not null && weights.Count != sources.Count))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{op}: sources has {sources.Count} entries, targets {targets.Count}, weights {weights?.Count.ToString(CultureInfo.InvariantCulture) ?? "none"}; they must match."));
        }

        for (var e = 0; e < sources.Count; e++)
        {
            GraphChecks.Edge(op, e, sources[e], targets[e], nodeCount);
            if (weights is not null && !double.IsFinite(weights[e]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{op}: edge {e} ({sources[e]} -> {targets[e]}) has weight {weights[e]}, which is not finite."));
            }
        }

        var order = Enumerable.Range(0, sources.Count).OrderBy(e => targets[e]).ThenBy(e => sources[e]).ToArray();
        var s = new int[order.Length];
        var t = new int[order.Length];
        var w = weights is null ? null : new double[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            s[k] = sources[order[k]];
            t[k] = targets[order[k]];
            if (w is not null) w[k] = weights![order[k]];
            if (k > 0 && s[k] == s[k - 1] && t[k] == t[k - 1])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{op}: edge {order[k]} ({s[k]} -> {t[k]}) repeats edge {order[k - 1]}; duplicate edges are not allowed (sum their weights instead)."));
            }
        }

        return new Graph(nodeCount, s, t, w, PointersOf(nodeCount, t));
    }
}
