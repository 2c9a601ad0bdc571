using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Manifolds;

/// <summary>
/// Shortest-path (geodesic) distances in a <see cref="NeighborhoodGraph"/> by Dijkstra's algorithm with a
/// binary heap: O((n + m) log n) per source for n nodes and m edges, so O(n k log n) on a k-neighbour graph.
/// </summary>
/// <remarks>
/// Dijkstra: keep tentative distances d(v) (d(source) = 0, others infinity); repeatedly settle the unsettled
/// node u with the smallest d(u) and relax its edges, d(v) &lt;- min(d(v), d(u) + w(u, v)). With non-negative
/// weights each settled distance is final. The unsettled nodes with finite d wait in an indexed binary heap
/// with decrease-key (so each node is in it at most once; .NET's PriorityQueue with lazy deletion was about
/// 1.5x slower here).
/// Reference: Dijkstra, "A note on two problems in connexion with graphs", Numerische Mathematik 1, 1959;
/// Cormen et al., Introduction to Algorithms, 3rd ed., sec. 24.3.
/// </remarks>
public static class Dijkstra
{
    /// <summary>Fills <paramref name="distances"/> (length n) with the shortest-path lengths from <paramref name="source"/>; unreachable nodes get infinity.</summary>
    /// <exception cref="ArgumentException">The span has the wrong length or the source is not a node.</exception>
    public static void ShortestPaths(NeighborhoodGraph graph, int source, Span<double> distances)
    {
        const string method = "Dijkstra.ShortestPaths";
        ManifoldChecks.NotNull(graph, method, nameof(graph));
        if ((uint)source >= (uint)graph.NodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, ManifoldChecks.F($"{method}: source {source} is not a node of a graph with {graph.NodeCount} nodes."));
        }

        if (distances.Length != graph.NodeCount)
        {
            throw new ArgumentException(ManifoldChecks.F($"{method}: distances has length {distances.Length}, the graph {graph.NodeCount} nodes."), nameof(distances));
        }

        Run(graph, source, distances, new IndexedMinHeap(graph.NodeCount));
    }

    private static void Run(NeighborhoodGraph graph, int source, Span<double> distances, IndexedMinHeap heap)
    {
        var offsets = graph.OffsetSpan;
        var targets = graph.TargetSpan;
        var weights = graph.WeightSpan;
        distances.Fill(double.PositiveInfinity);
        distances[source] = 0;
        heap.InsertOrDecrease(source, 0);
        while (heap.Count > 0)
        {
            var u = heap.ExtractMin(out var du); // du is final: every other tentative distance is at least du
            for (var e = offsets[u]; e < offsets[u + 1]; e++)
            {
                var v = targets[e];
                var candidate = du + weights[e];
                if (candidate < distances[v])
                {
                    distances[v] = candidate;
                    heap.InsertOrDecrease(v, candidate);
                }
            }
        }
    }

    /// <summary>
    /// The n x n matrix of shortest-path lengths between all pairs, one Dijkstra run per source (sources in
    /// parallel). Entry (i, j) is infinity when j cannot be reached from i.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="progress">Receives the fraction of sources done, in [0, 1]; may be null.</param>
    /// <param name="cancellationToken">Checked between sources.</param>
    public static Matrix<double> AllPairs(NeighborhoodGraph graph, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ManifoldChecks.NotNull(graph, "Dijkstra.AllPairs", nameof(graph));
        var n = graph.NodeCount;
        var result = new DenseMatrix(n, n);
        var values = result.Values; // column-major: column s holds the distances from s (the matrix is symmetric)
        var done = 0;
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken },
            () => new IndexedMinHeap(n),
            (s, _, heap) =>
            {
                Run(graph, s, values.AsSpan(s * n, n), heap);
                var finished = Interlocked.Increment(ref done);
                if (progress is not null && finished % 64 == 0) progress.Report((double)finished / n);
                return heap;
            },
            _ => { });
        progress?.Report(1.0);
        return result;
    }
}
