using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Manifolds;

/// <summary>
/// Exact k-nearest-neighbour search under the Euclidean distance, the first step of Isomap, LLE, Laplacian
/// eigenmaps, t-SNE's sparse affinities and the quality metrics.
/// </summary>
/// <remarks>
/// For dimension d &lt;= 16 a <c>KdTree</c> answers each query in about O(log n + k) expected time; in higher
/// dimension (where k-d trees visit most leaves anyway) a brute-force scan keeps the k best of the n - 1
/// distances by insertion, O(n d) time and O(k) extra memory per query, never an n x n matrix. Queries run in
/// parallel; the result does not depend on the thread count. Ties between equal distances are broken by
/// the order in which candidates are met, which differs between the two paths.
/// </remarks>
public static class NearestNeighbors
{
    /// <summary>The largest dimension for which the k-d tree is used.</summary>
    public const int KdTreeMaxDimension = 16;

    /// <summary>Finds the <paramref name="k"/> nearest other points of every row of <paramref name="points"/>.</summary>
    /// <param name="points">n x d data, one point per row, finite.</param>
    /// <param name="k">Neighbours per point, 1 &lt;= k &lt;= n - 1.</param>
    /// <returns>The neighbour lists, nearest first.</returns>
    /// <exception cref="ArgumentException">NaN or infinity in the data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k outside [1, n - 1].</exception>
    public static NeighborList Search(Matrix<double> points, int k)
    {
        const string method = "NearestNeighbors.Search";
        ManifoldChecks.Data(points, method, nameof(points));
        ManifoldChecks.NeighborCount(k, points.RowCount, method, nameof(k));
        return Search(ManifoldChecks.RowMajor(points), points.RowCount, points.ColumnCount, k);
    }

    /// <summary>The search on validated row-major data.</summary>
    internal static NeighborList Search(double[] rows, int n, int d, int k)
    {
        var indices = new int[n * k];
        var distances = new double[n * k];
        if (d <= KdTreeMaxDimension)
        {
            var tree = new KdTree(rows, n, d);
            Parallel.For(0, n, i => tree.Query(i, indices.AsSpan(i * k, k), distances.AsSpan(i * k, k)));
        }
        else
        {
            Parallel.For(0, n, i =>
            {
                var best = new BoundedNeighborList(indices.AsSpan(i * k, k), distances.AsSpan(i * k, k));
                for (var j = 0; j < n; j++)
                {
                    if (j != i) best.Offer(j, ManifoldChecks.SquaredDistance(rows, d, i, j));
                }
            });
        }

        for (var t = 0; t < distances.Length; t++) distances[t] = Math.Sqrt(distances[t]);
        return new NeighborList(n, k, indices, distances);
    }
}
