using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Manifolds;

/// <summary>
/// How well an embedding Y of data X keeps neighbourhoods: trustworthiness (no false neighbours in Y),
/// continuity (no lost neighbours) and k-nearest-neighbour preservation.
/// </summary>
/// <remarks>
/// <para>Venna and Kaski, "Neighborhood preservation in nonlinear projection methods: an experimental study",
/// ICANN 2001, and "Local multidimensional scaling", Neural Networks 19, 2006. With r(i, j) the rank of j
/// among i's neighbours in X (1 = nearest) and U_k(i) the points among i's k nearest in Y but not in X,
/// T(k) = 1 - 2 / (n k (2n - 3k - 1)) sum_i sum_{j in U_k(i)} (r(i, j) - k).
/// Continuity C(k) is the same with the roles of X and Y swapped (ranks in Y of the points that left the
/// neighbourhood). Both lie in [0, 1], 1 meaning perfect; the normalisation needs k &lt; (2n - 1) / 3.
/// This is also scikit-learn's <c>trustworthiness</c> (Euclidean metric).</para>
/// <para>Cost: the k-nearest neighbours by <see cref="NearestNeighbors"/>, then for each point and each
/// intruder a count of the points closer in the other space, O(n^2 d) in all, with O(n d) memory.</para>
/// </remarks>
public static class EmbeddingQuality
{
    /// <summary>T(k), the trustworthiness of embedding <paramref name="embedded"/> of <paramref name="original"/>.</summary>
    /// <param name="original">n x d data.</param>
    /// <param name="embedded">n x c embedding, row i the image of row i.</param>
    /// <param name="k">Neighbourhood size, 1 &lt;= k &lt; (2n - 1) / 3.</param>
    /// <exception cref="ArgumentException">Row counts differ, or NaN/infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k out of range.</exception>
    public static double Trustworthiness(Matrix<double> original, Matrix<double> embedded, int k = 10) =>
        Penalty(original, embedded, k, "EmbeddingQuality.Trustworthiness");

    /// <summary>C(k), the continuity: trustworthiness with the two spaces swapped.</summary>
    /// <exception cref="ArgumentException">Row counts differ, or NaN/infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k out of range.</exception>
    public static double Continuity(Matrix<double> original, Matrix<double> embedded, int k = 10) =>
        Penalty(embedded, original, k, "EmbeddingQuality.Continuity");

    /// <summary>The mean fraction of each point's k nearest neighbours in X that are also among its k nearest in Y: (1 / (n k)) sum_i |N_k^X(i) ∩ N_k^Y(i)|.</summary>
    /// <exception cref="ArgumentException">Row counts differ, or NaN/infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k outside [1, n - 1].</exception>
    public static double NeighborPreservation(Matrix<double> original, Matrix<double> embedded, int k = 10)
    {
        const string method = "EmbeddingQuality.NeighborPreservation";
        Check(original, embedded, method);
        ManifoldChecks.NeighborCount(k, original.RowCount, method, nameof(k));
        var a = NearestNeighbors.Search(original, k);
        var b = NearestNeighbors.Search(embedded, k);
        long shared = 0;
        for (var i = 0; i < a.PointCount; i++)
        {
            var set = new HashSet<int>(a.Indices(i).ToArray());
            foreach (var j in b.Indices(i)) shared += set.Contains(j) ? 1 : 0;
        }

        return (double)shared / ((long)a.PointCount * k);
    }

    /// <summary>The trustworthiness formula with ranks measured in <paramref name="rankSpace"/> and neighbourhoods taken in <paramref name="neighborSpace"/>.</summary>
    private static double Penalty(Matrix<double> rankSpace, Matrix<double> neighborSpace, int k, string method)
    {
        Check(rankSpace, neighborSpace, method);
        var n = rankSpace.RowCount;
        if (k < 1 || 3 * k >= 2 * n - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, ManifoldChecks.F($"{method}: k = {k}, but with n = {n} points it must satisfy 1 <= k < (2n - 1) / 3."));
        }

        var rows = ManifoldChecks.RowMajor(rankSpace);
        var d = rankSpace.ColumnCount;
        var inRankSpace = NearestNeighbors.Search(rows, n, d, k);
        var inNeighborSpace = NearestNeighbors.Search(neighborSpace, k);
        var sums = new long[n];
        Parallel.For(0, n, i =>
        {
            var own = inRankSpace.Indices(i);
            long sum = 0;
            foreach (var j in inNeighborSpace.Indices(i))
            {
                if (own.Contains(j)) continue;
                // r(i, j) = 1 + #{l != i : |x_i - x_l| < |x_i - x_j|}
                var dij = ManifoldChecks.SquaredDistance(rows, d, i, j);
                var rank = 1;
                for (var l = 0; l < n; l++)
                {
                    if (l != i && ManifoldChecks.SquaredDistance(rows, d, i, l) < dij) rank++;
                }

                sum += rank - k;
            }

            sums[i] = sum;
        });
        return 1.0 - 2.0 / (n * (double)k * (2.0 * n - 3.0 * k - 1.0)) * sums.Sum();
    }

    private static void Check(Matrix<double> a, Matrix<double> b, string method)
    {
        ManifoldChecks.Data(a, method, "original");
        ManifoldChecks.Data(b, method, "embedded");
        if (a.RowCount != b.RowCount)
        {
            throw new ArgumentException(ManifoldChecks.F($"{method}: original has {a.RowCount} rows, embedded {b.RowCount}; they must match."), nameof(b));
        }
    }
}
