namespace MlMath.Graphs;

/// <summary>
/// Random and regular graphs for experiments and tests: the stochastic block model (graphs with planted
/// communities), cycles and uniformly random labelled trees.
/// </summary>
/// <remarks>Shapes: graphs only (no node features); the block model also returns one block index per node.</remarks>
public static class GraphGenerators
{
    /// <summary>
    /// The stochastic block model (Holland, Laskey &amp; Leinhardt, "Stochastic blockmodels: first steps", Social
    /// Networks 5, 1983): nodes are split into blocks of the given sizes, and each pair {i, j} is joined
    /// independently with probability pIn inside a block and pOut between blocks. Undirected, no self loops.
    /// </summary>
    /// <returns>The graph and the block of every node.</returns>
    /// <exception cref="ArgumentException">A block size is not positive or a probability is outside [0, 1].</exception>
    public static (Graph Graph, int[] Blocks) StochasticBlockModel(IReadOnlyList<int> blockSizes, double pIn, double pOut, Random random)
    {
        ArgumentNullException.ThrowIfNull(blockSizes);
        ArgumentNullException.ThrowIfNull(random);
        if (blockSizes.Count == 0 || blockSizes.Any(s => s <= 0)) throw new ArgumentException("GraphGenerators.StochasticBlockModel: block sizes must be positive (and at least one block).", nameof(blockSizes));
        if (!(pIn >= 0 && pIn <= 1) || !(pOut >= 0 && pOut <= 1)) throw new ArgumentException($"GraphGenerators.StochasticBlockModel: pIn = {pIn} and pOut = {pOut} must be in [0, 1].");
        var blocks = blockSizes.SelectMany((size, b) => Enumerable.Repeat(b, size)).ToArray();
        var edges = new List<(int, int)>();
        for (var i = 0; i < blocks.Length; i++)
        {
            for (var j = i + 1; j < blocks.Length; j++)
            {
                if (random.NextDouble() < (blocks[i] == blocks[j] ? pIn : pOut)) edges.Add((i, j));
            }
        }

        return (Graph.FromEdgeList(blocks.Length, edges, undirected: true), blocks);
    }

    /// <summary>The cycle C_n: i -- (i + 1) mod n, undirected (n &gt;= 3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 3.</exception>
    public static Graph Cycle(int n)
    {
        if (n < 3) throw new ArgumentOutOfRangeException(nameof(n), n, "GraphGenerators.Cycle: a cycle needs at least 3 nodes.");
        return Graph.FromEdgeList(n, Enumerable.Range(0, n).Select(i => (i, (i + 1) % n)), undirected: true);
    }

    /// <summary>
    /// A uniformly random labelled tree on n nodes, decoded from a random Pruefer sequence (every one of the
    /// n^(n-2) labelled trees is equally likely; Pruefer 1918). Undirected.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 2.</exception>
    public static Graph RandomTree(int n, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "GraphGenerators.RandomTree: a tree here needs at least 2 nodes.");
        var sequence = Enumerable.Range(0, n - 2).Select(_ => random.Next(n)).ToArray();
        var degree = Enumerable.Repeat(1, n).ToArray();
        foreach (var v in sequence) degree[v]++;
        var edges = new List<(int, int)>(n - 1);
        foreach (var v in sequence)
        {
            var leaf = Array.FindIndex(degree, d => d == 1);
            edges.Add((leaf, v));
            degree[leaf]--;
            degree[v]--;
        }

        var last = Enumerable.Range(0, n).Where(i => degree[i] == 1).ToArray();
        edges.Add((last[0], last[1]));
        return Graph.FromEdgeList(n, edges, undirected: true);
    }
}
