namespace MlMath.Manifolds;

/// <summary>
/// The k nearest neighbours of every point of a set: for point i, <see cref="Index"/>(i, r) is its
/// (r + 1)-th nearest other point and <see cref="Distance"/>(i, r) the Euclidean distance to it, r = 0..k-1,
/// nearest first. A point is never its own neighbour.
/// </summary>
/// <remarks>Storage is two flat arrays of n k entries (row i at [i k, (i + 1) k)): O(n k) memory.</remarks>
public sealed class NeighborList
{
    private readonly int[] _indices;
    private readonly double[] _distances;

    internal NeighborList(int pointCount, int k, int[] indices, double[] distances)
    {
        PointCount = pointCount;
        K = k;
        _indices = indices;
        _distances = distances;
    }

    /// <summary>The number of points n.</summary>
    public int PointCount { get; }

    /// <summary>The number of neighbours k of each point.</summary>
    public int K { get; }

    /// <summary>The index of the (rank + 1)-th nearest neighbour of point <paramref name="point"/>.</summary>
    public int Index(int point, int rank) => _indices[point * K + rank];

    /// <summary>The Euclidean distance from point <paramref name="point"/> to its (rank + 1)-th nearest neighbour.</summary>
    public double Distance(int point, int rank) => _distances[point * K + rank];

    /// <summary>The k neighbour indices of <paramref name="point"/>, nearest first.</summary>
    public ReadOnlySpan<int> Indices(int point) => _indices.AsSpan(point * K, K);

    /// <summary>The k neighbour distances of <paramref name="point"/>, ascending.</summary>
    public ReadOnlySpan<double> Distances(int point) => _distances.AsSpan(point * K, K);
}
