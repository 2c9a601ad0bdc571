namespace MlMath.Manifolds;

/// <summary>
/// t-SNE's symmetric input affinities p_ij = (p_{j|i} + p_{i|j}) / (2n) in compressed sparse row form
/// (dense rows for the exact method, the union of the 3 perplexity nearest neighbours for Barnes-Hut).
/// </summary>
internal sealed class JointProbabilities
{
    private JointProbabilities(int n, int[] offsets, int[] columns, double[] values)
    {
        Count = n;
        Offsets = offsets;
        Columns = columns;
        Values = values;
    }

    internal int Count { get; }

    internal int[] Offsets { get; }

    internal int[] Columns { get; }

    internal double[] Values { get; }

    /// <summary>
    /// Calibrates p_{j|i} over each point's <paramref name="neighbors"/> nearest points (all others when
    /// neighbors = n - 1) with <see cref="PerplexitySearch"/>, then symmetrises and normalises to sum 1.
    /// </summary>
    internal static JointProbabilities Compute(double[] rows, int n, int d, double perplexity, int neighbors)
    {
        int[] indices;
        double[] squared;
        if (neighbors == n - 1)
        {
            indices = new int[n * neighbors];
            squared = new double[n * neighbors];
            Parallel.For(0, n, i =>
            {
                var t = i * neighbors;
                for (var j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    indices[t] = j;
                    squared[t++] = ManifoldChecks.SquaredDistance(rows, d, i, j);
                }
            });
        }
        else
        {
            var list = NearestNeighbors.Search(rows, n, d, neighbors);
            indices = new int[n * neighbors];
            squared = new double[n * neighbors];
            for (var i = 0; i < n; i++)
            {
                list.Indices(i).CopyTo(indices.AsSpan(i * neighbors));
                for (var r = 0; r < neighbors; r++) squared[i * neighbors + r] = list.Distance(i, r) * list.Distance(i, r);
            }
        }

        var conditional = new double[n * neighbors];
        var target = Math.Log(perplexity);
        Parallel.For(0, n, i =>
        {
            var dist = squared.AsSpan(i * neighbors, neighbors);
            var min = double.PositiveInfinity;
            foreach (var v in dist) min = Math.Min(min, v);
            PerplexitySearch.CalibrateUnchecked(dist, min, target, conditional.AsSpan(i * neighbors, neighbors), 1e-5, 100);
        });

        // P + P^T, then divide by its sum (2n when every row of conditionals sums to 1).
        var symmetric = SparseSymmetricMatrix.SymmetrizedSum(indices, conditional, n, neighbors);
        var total = 0.0;
        foreach (var v in symmetric.Values) total += v;
        var values = symmetric.Values;
        for (var t = 0; t < values.Length; t++) values[t] = Math.Max(values[t] / total, double.Epsilon);
        return new JointProbabilities(n, symmetric.Offsets, symmetric.Columns, values);
    }
}
