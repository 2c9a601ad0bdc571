using System.Globalization;
using MlMath.LinearAlgebra;

namespace MlMath.Graphs;

/// <summary>
/// A directed graph on nodes 0 .. n - 1 with optional edge weights: the domain of graph neural networks.
/// An undirected graph stores each edge in both directions. Edge e goes from <see cref="Sources"/>[e] to
/// <see cref="Targets"/>[e]; messages flow along edges, so node i aggregates over its in-neighbours
/// N(i) = { j : (j -> i) is an edge }.
/// </summary>
/// <remarks>
/// <para>Storage: the edges are kept sorted by (target, source), which makes the edge list the CSR form of
/// the adjacency matrix A with A[i, j] = w(j -> i): row i of <see cref="Adjacency"/> lists the edges into i,
/// and edge e is the e-th stored entry. (A X)_i = sum_{j in N(i)} w_ji x_j is then sum aggregation, the
/// core of message passing (Gilmer et al., "Neural message passing for quantum chemistry", ICML 2017).</para>
/// <para>Immutable: functions such as <see cref="AddSelfLoops"/> return a new graph. Duplicate edges are
/// rejected (a multigraph would make "the weight of edge j -> i" ambiguous); an edge that is out of range or
/// negative is rejected with its position and endpoints in the message.</para>
/// <para>Shapes: node features are n x f matrices (row i = node i); edge-level values are E x k (row e = edge e,
/// in the stored order).</para>
/// </remarks>
public sealed partial class Graph
{
    private readonly int[] _sources;
    private readonly int[] _targets;
    private readonly double[]? _weights;
    private readonly int[] _rowPointers;
    private CsrMatrix? _adjacency;

    private Graph(int nodeCount, int[] sources, int[] targets, double[]? weights, int[] rowPointers)
    {
        NodeCount = nodeCount;
        _sources = sources;
        _targets = targets;
        _weights = weights;
        _rowPointers = rowPointers;
    }

    /// <summary>Number of nodes n.</summary>
    public int NodeCount { get; }

    /// <summary>Number of directed edges E (an undirected edge counts twice).</summary>
    public int EdgeCount => _sources.Length;

    /// <summary>Source node j of each edge j -> i, sorted by (target, source).</summary>
    public IReadOnlyList<int> Sources => _sources;

    /// <summary>Target node i of each edge j -> i, in ascending order.</summary>
    public IReadOnlyList<int> Targets => _targets;

    /// <summary>The weight of each edge, or null for an unweighted graph (every weight 1).</summary>
    public IReadOnlyList<double>? EdgeWeights => _weights;

    /// <summary>True when the graph carries edge weights.</summary>
    public bool IsWeighted => _weights is not null;

    /// <summary>
    /// The adjacency matrix A (n x n, CSR) with A[i, j] = w(j -> i): row i holds the edges into node i, in
    /// the same order as the edge arrays (built once, then cached).
    /// </summary>
    /// <remarks>Shapes: n x n with E stored entries.</remarks>
    public CsrMatrix Adjacency => _adjacency ??= CsrMatrix.FromArrays(NodeCount, NodeCount, _rowPointers, _sources,
        _weights ?? Enumerable.Repeat(1.0, EdgeCount).ToArray());

    /// <summary>
    /// The (weighted) in-degree of every node: d_i = sum_{j in N(i)} w_ji, the row sums of
    /// <see cref="Adjacency"/>. For an undirected graph this is the usual degree.
    /// </summary>
    public double[] Degrees()
    {
        var degrees = new double[NodeCount];
        for (var e = 0; e < EdgeCount; e++) degrees[_targets[e]] += _weights?[e] ?? 1.0;
        return degrees;
    }

    /// <summary>The number of edges into each node, |N(i)| (ignores weights).</summary>
    public int[] InDegreeCounts()
    {
        var counts = new int[NodeCount];
        for (var i = 0; i < NodeCount; i++) counts[i] = _rowPointers[i + 1] - _rowPointers[i];
        return counts;
    }

    /// <summary>True when every edge j -> i has its reverse i -> j with the same weight.</summary>
    public bool IsSymmetric()
    {
        for (var e = 0; e < EdgeCount; e++)
        {
            var reverse = FindEdge(_targets[e], _sources[e]);
            if (reverse < 0 || (_weights is not null && _weights[reverse] != _weights[e])) return false;
        }

        return true;
    }

    /// <summary>The position of edge <paramref name="source"/> -> <paramref name="target"/>, or -1.</summary>
    public int FindEdge(int source, int target)
    {
        if ((uint)target >= (uint)NodeCount) return -1;
        var index = Array.BinarySearch(_sources, _rowPointers[target], _rowPointers[target + 1] - _rowPointers[target], source);
        return index >= 0 ? index : -1;
    }

    /// <summary>
    /// The graph with a self loop i -> i of weight <paramref name="weight"/> added to every node that has none
    /// (nodes that already have one keep it). For a graph without self loops the adjacency becomes A + I, the
    /// "renormalisation trick" of Kipf &amp; Welling (ICLR 2017), eq. 8.
    /// </summary>
    public Graph AddSelfLoops(double weight = 1.0)
    {
        var sources = new List<int>(EdgeCount + NodeCount);
        var targets = new List<int>(EdgeCount + NodeCount);
        var weights = new List<double>(EdgeCount + NodeCount);
        for (var i = 0; i < NodeCount; i++)
        {
            if (FindEdge(i, i) < 0)
            {
                sources.Add(i);
                targets.Add(i);
                weights.Add(weight);
            }
        }

        for (var e = 0; e < EdgeCount; e++)
        {
            sources.Add(_sources[e]);
            targets.Add(_targets[e]);
            weights.Add(_weights?[e] ?? 1.0);
        }

        var keepUnweighted = _weights is null && weight == 1.0;
        return Build(NodeCount, sources, targets, keepUnweighted ? null : weights, "AddSelfLoops");
    }

    /// <summary>The graph without self loops i -> i.</summary>
    public Graph RemoveSelfLoops()
    {
        var keep = Enumerable.Range(0, EdgeCount).Where(e => _sources[e] != _targets[e]).ToArray();
        return new Graph(NodeCount, keep.Select(e => _sources[e]).ToArray(), keep.Select(e => _targets[e]).ToArray(),
            _weights is null ? null : keep.Select(e => _weights[e]).ToArray(), PointersOf(NodeCount, keep.Select(e => _targets[e]).ToArray()));
    }

    /// <summary>
    /// The graph with node i renamed <paramref name="permutation"/>[i] (edges and weights follow their nodes).
    /// With P the permutation matrix, the new adjacency is P A P^T.
    /// </summary>
    /// <exception cref="ArgumentException">The array is not a permutation of 0 .. n - 1.</exception>
    public Graph Relabel(IReadOnlyList<int> permutation)
    {
        ArgumentNullException.ThrowIfNull(permutation);
        GraphChecks.Permutation("Graph.Relabel", permutation, NodeCount);
        return Build(NodeCount, _sources.Select(j => permutation[j]).ToArray(), _targets.Select(i => permutation[i]).ToArray(),
            _weights?.ToArray(), "Graph.Relabel");
    }

    /// <summary>"Graph: n nodes, E edges (weighted)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Graph: {NodeCount} nodes, {EdgeCount} edges{(IsWeighted ? " (weighted)" : string.Empty)}");

    internal int[] SourceArray => _sources;

    internal int[] TargetArray => _targets;

    internal double[]? WeightArray => _weights;

    /// <summary>Edges into node i are positions RowPointers[i] .. RowPointers[i + 1] - 1.</summary>
    internal int[] RowPointers => _rowPointers;

    /// <summary>The edges grouped by source node (made on first use and kept).</summary>
    internal OutgoingEdges EdgesBySource => _edgesBySource ??= OutgoingEdges.Of(NodeCount, _sources);

    private OutgoingEdges? _edgesBySource;

    /// <summary>
    /// The edges out of node j are Edges[Pointers[j]] .. Edges[Pointers[j + 1] - 1], positions in the target-sorted
    /// edge arrays, in increasing order (a counting sort by source, which keeps the order of equal sources).
    /// </summary>
    internal sealed class OutgoingEdges(int[] pointers, int[] edges)
    {
        public int[] Pointers { get; } = pointers;

        public int[] Edges { get; } = edges;

        public static OutgoingEdges Of(int nodeCount, int[] sources)
        {
            var pointers = PointersOf(nodeCount, sources); // counts per source (the order does not matter)
            var next = (int[])pointers.Clone();
            var edges = new int[sources.Length];
            for (var e = 0; e < sources.Length; e++) edges[next[sources[e]]++] = e;
            return new OutgoingEdges(pointers, edges);
        }
    }

    private static int[] PointersOf(int nodeCount, int[] sortedTargets)
    {
        var pointers = new int[nodeCount + 1];
        foreach (var t in sortedTargets) pointers[t + 1]++;
        for (var i = 0; i < nodeCount; i++) pointers[i + 1] += pointers[i];
        return pointers;
    }
}
