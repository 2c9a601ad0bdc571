using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Graphs;

/// <summary>
/// Many small graphs as one: the block-diagonal union whose adjacency is diag(A_1, ..., A_B), with graph b's
/// nodes renumbered from <see cref="NodeOffsets"/>[b]. No edge joins two graphs, so one message-passing pass
/// over the union is B independent passes; a graph-level readout then pools the nodes of each graph
/// (<see cref="GlobalPooling"/>) using <see cref="NodeToGraph"/>. This is how graph classification is batched
/// (PyTorch Geometric's Batch; Xu et al., ICLR 2019, sec. 4.2 for the readout).
/// </summary>
/// <remarks>Shapes: node features of the batch are (sum_b n_b) x f, stacked in graph order
/// (<see cref="StackFeatures"/>); pooled outputs are B x f.</remarks>
public sealed class GraphBatch
{
    private readonly int[] _nodeToGraph;
    private readonly int[] _offsets;

    private GraphBatch(Graph graph, int[] nodeToGraph, int[] offsets)
    {
        Graph = graph;
        _nodeToGraph = nodeToGraph;
        _offsets = offsets;
    }

    /// <summary>The block-diagonal union of the graphs.</summary>
    public Graph Graph { get; }

    /// <summary>Number of graphs B.</summary>
    public int GraphCount => _offsets.Length - 1;

    /// <summary>For each node of the union, the index of the graph it came from.</summary>
    public IReadOnlyList<int> NodeToGraph => _nodeToGraph;

    /// <summary>Graph b's nodes are NodeOffsets[b] .. NodeOffsets[b + 1] - 1 of the union (B + 1 entries).</summary>
    public IReadOnlyList<int> NodeOffsets => _offsets;

    internal int[] NodeToGraphArray => _nodeToGraph;

    /// <summary>Batches <paramref name="graphs"/> into one block-diagonal graph (edge weights are kept if any graph has them).</summary>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    public static GraphBatch Create(IReadOnlyList<Graph> graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        if (graphs.Count == 0) throw new ArgumentException("GraphBatch.Create: there are no graphs to batch.", nameof(graphs));
        var offsets = new int[graphs.Count + 1];
        for (var b = 0; b < graphs.Count; b++) offsets[b + 1] = offsets[b] + graphs[b].NodeCount;
        var weighted = graphs.Any(g => g.IsWeighted);
        var (sources, targets, weights) = (new List<int>(), new List<int>(), new List<double>());
        var nodeToGraph = new int[offsets[^1]];
        for (var b = 0; b < graphs.Count; b++)
        {
            var g = graphs[b];
            Array.Fill(nodeToGraph, b, offsets[b], g.NodeCount);
            for (var e = 0; e < g.EdgeCount; e++)
            {
                sources.Add(g.SourceArray[e] + offsets[b]);
                targets.Add(g.TargetArray[e] + offsets[b]);
                weights.Add(g.WeightArray?[e] ?? 1.0);
            }
        }

        var union = Graph.Build(offsets[^1], sources, targets, weighted ? weights : null, "GraphBatch.Create");
        return new GraphBatch(union, nodeToGraph, offsets);
    }

    /// <summary>Stacks per-graph node feature matrices (graph b's n_b x f block after graph b - 1's).</summary>
    /// <exception cref="ArgumentException">The count differs from <see cref="GraphCount"/>, or a block has the wrong shape.</exception>
    public Matrix<double> StackFeatures(IReadOnlyList<Matrix<double>> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count != GraphCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"GraphBatch.StackFeatures: {features.Count} feature matrices for {GraphCount} graphs."), nameof(features));
        }

        var width = features[0].ColumnCount;
        var result = new DenseMatrix(_offsets[^1], width);
        for (var b = 0; b < GraphCount; b++)
        {
            var block = features[b];
            if (block.RowCount != _offsets[b + 1] - _offsets[b] || block.ColumnCount != width)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"GraphBatch.StackFeatures: graph {b} has {_offsets[b + 1] - _offsets[b]} nodes, its features are {block.RowCount}x{block.ColumnCount} (expected {width} columns)."), nameof(features));
            }

            result.SetSubMatrix(_offsets[b], 0, block);
        }

        return result;
    }
}
