using System.Globalization;
using MlMath.Autodiff;

namespace MlMath.Graphs;

/// <summary>Argument checks shared by the graph types, with messages that name the offending edge or shape.</summary>
internal static class GraphChecks
{
    public static void Edge(string op, int edge, int source, int target, int nodeCount)
    {
        if (source < 0 || target < 0 || source >= nodeCount || target >= nodeCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{op}: edge {edge} ({source} -> {target}) has an endpoint outside 0..{nodeCount - 1} ({nodeCount} nodes)."));
        }
    }

    public static void Permutation(string op, IReadOnlyList<int> permutation, int n)
    {
        if (permutation.Count != n)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{op}: the permutation has {permutation.Count} entries for {n} nodes."));
        }

        var seen = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if ((uint)permutation[i] >= (uint)n || seen[permutation[i]])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{op}: entry {i} = {permutation[i]} is out of range or repeated; a permutation of 0..{n - 1} is needed."));
            }

            seen[permutation[i]] = true;
        }
    }

    /// <summary>Node features must have one row per node and the layer's input width.</summary>
    public static void NodeFeatures(string layer, Variable x, Graph graph, int inFeatures)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(graph);
        if (x.Rows != graph.NodeCount || x.Columns != inFeatures)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{layer}: node features are {x.Shape}, but the graph has {graph.NodeCount} nodes and the layer expects {inFeatures} features ({graph.NodeCount}x{inFeatures})."), nameof(x));
        }
    }

    /// <summary>Sparse node features: same rule as <see cref="NodeFeatures(string, Variable, Graph, int)"/>.</summary>
    public static void NodeFeatures(string layer, MlMath.LinearAlgebra.CsrMatrix x, Graph graph, int inFeatures)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(graph);
        if (x.RowCount != graph.NodeCount || x.ColumnCount != inFeatures)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{layer}: sparse node features are {x.RowCount}x{x.ColumnCount}, but the graph has {graph.NodeCount} nodes and the layer expects {inFeatures} features."), nameof(x));
        }
    }

    public static void Positive(string op, string name, int value)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{op}: {name} = {value} must be positive."));
        }
    }

    public static void Probability(string op, string name, double value)
    {
        if (!(value >= 0.0 && value < 1.0))
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{op}: {name} = {value} must be in [0, 1)."));
        }
    }
}
