using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Manifolds;

/// <summary>
/// An undirected weighted neighbourhood graph on n points in compressed sparse row form: the edges of node i
/// go to <see cref="Targets"/>[<see cref="Offsets"/>[i] .. <see cref="Offsets"/>[i + 1]) with weights
/// (Euclidean edge lengths) in <see cref="Weights"/>. Every edge is stored in both directions.
/// </summary>
/// <remarks>
/// The k-nearest-neighbour graph joins i and j when either is among the other's k nearest (the symmetric
/// "or" rule of Tenenbaum et al. 2000 and of scikit-learn); the epsilon graph joins points closer than epsilon.
/// This is the small graph type that Isomap and Laplacian eigenmaps need; a general <c>Graph</c> type
/// (MlMath.Graphs) may later replace it.
/// </remarks>
public sealed class NeighborhoodGraph
{
    private readonly int[] _offsets;
    private readonly int[] _targets;
    private readonly double[] _weights;

    private NeighborhoodGraph(int nodeCount, int[] offsets, int[] targets, double[] weights)
    {
        NodeCount = nodeCount;
        _offsets = offsets;
        _targets = targets;
        _weights = weights;
    }

    /// <summary>The number of nodes n.</summary>
    public int NodeCount { get; }

    /// <summary>The number of directed edge entries (twice the number of undirected edges).</summary>
    public int EdgeEntryCount => _targets.Length;

    /// <summary>Row pointers: node i's edges are at positions Offsets[i] (inclusive) to Offsets[i + 1] (exclusive).</summary>
    public IReadOnlyList<int> Offsets => _offsets;

    /// <summary>The other end of each stored edge.</summary>
    public IReadOnlyList<int> Targets => _targets;

    /// <summary>The length (Euclidean distance) of each stored edge.</summary>
    public IReadOnlyList<double> Weights => _weights;

    internal ReadOnlySpan<int> OffsetSpan => _offsets;

    internal ReadOnlySpan<int> TargetSpan => _targets;

    internal ReadOnlySpan<double> WeightSpan => _weights;

    /// <summary>The symmetric k-nearest-neighbour graph of the rows of <paramref name="points"/>.</summary>
    /// <exception cref="ArgumentException">NaN or infinity in the data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k outside [1, n - 1].</exception>
    public static NeighborhoodGraph KNearest(Matrix<double> points, int k) => FromNeighbors(NearestNeighbors.Search(points, k));

    /// <summary>The symmetric graph of a neighbour list: i ~ j when j is a neighbour of i or i one of j.</summary>
    public static NeighborhoodGraph FromNeighbors(NeighborList neighbors)
    {
        ManifoldChecks.NotNull(neighbors, "NeighborhoodGraph.FromNeighbors", nameof(neighbors));
        int n = neighbors.PointCount, k = neighbors.K;
        var edges = new List<(int Target, double Weight)>[n];
        for (var i = 0; i < n; i++) edges[i] = new List<(int, double)>(2 * k);
        for (var i = 0; i < n; i++)
        {
            for (var r = 0; r < k; r++)
            {
                var j = neighbors.Index(i, r);
                var w = neighbors.Distance(i, r);
                edges[i].Add((j, w));
                edges[j].Add((i, w));
            }
        }

        return FromEdgeLists(edges);
    }

    /// <summary>The epsilon graph: i ~ j when 0 &lt; |x_i - x_j| &lt; epsilon (or i != j and the distance is 0). O(n^2 d) time, O(edges) memory.</summary>
    /// <exception cref="ArgumentException">NaN or infinity in the data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">epsilon not positive.</exception>
    public static NeighborhoodGraph Epsilon(Matrix<double> points, double epsilon)
    {
        const string method = "NeighborhoodGraph.Epsilon";
        ManifoldChecks.Data(points, method, nameof(points));
        ManifoldChecks.Positive(epsilon, method, nameof(epsilon));
        int n = points.RowCount, d = points.ColumnCount;
        var rows = ManifoldChecks.RowMajor(points);
        var edges = new List<(int Target, double Weight)>[n];
        Parallel.For(0, n, i =>
        {
            edges[i] = [];
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                var d2 = ManifoldChecks.SquaredDistance(rows, d, i, j);
                if (d2 < epsilon * epsilon) edges[i].Add((j, Math.Sqrt(d2)));
            }
        });
        return FromEdgeLists(edges);
    }

    /// <summary>Builds the CSR arrays from per-node edge lists, sorting each by target and keeping one copy of duplicates.</summary>
    private static NeighborhoodGraph FromEdgeLists(List<(int Target, double Weight)>[] edges)
    {
        var n = edges.Length;
        var offsets = new int[n + 1];
        var targets = new List<int>();
        var weights = new List<double>();
        for (var i = 0; i < n; i++)
        {
            edges[i].Sort((a, b) => a.Target.CompareTo(b.Target));
            var last = -1;
            foreach (var (target, weight) in edges[i])
            {
                if (target == last) continue;
                last = target;
                targets.Add(target);
                weights.Add(weight);
            }

            offsets[i + 1] = targets.Count;
        }

        return new NeighborhoodGraph(n, offsets, targets.ToArray(), weights.ToArray());
    }

    /// <summary>Labels each node with its connected component (0, 1, ... in order of first node) by breadth-first search.</summary>
    /// <returns>The component of each node and the number of components.</returns>
    public (int[] Labels, int Count) ConnectedComponents()
    {
        var labels = new int[NodeCount];
        Array.Fill(labels, -1);
        var queue = new Queue<int>();
        var count = 0;
        for (var start = 0; start < NodeCount; start++)
        {
            if (labels[start] >= 0) continue;
            labels[start] = count;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var u = queue.Dequeue();
                for (var e = _offsets[u]; e < _offsets[u + 1]; e++)
                {
                    var v = _targets[e];
                    if (labels[v] >= 0) continue;
                    labels[v] = count;
                    queue.Enqueue(v);
                }
            }

            count++;
        }

        return (labels, count);
    }
}
