using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Manifolds;

/// <summary>
/// Isomap: classical MDS on geodesic distances, estimated as shortest paths in a neighbourhood graph.
/// </summary>
/// <remarks>
/// <para>Tenenbaum, de Silva and Langford, "A global geometric framework for nonlinear dimensionality
/// reduction", Science 290, 2000: (1) join each point to its k nearest neighbours (or to all points within
/// epsilon), edge length = Euclidean distance; (2) geodesic distance d_G(i, j) = shortest-path length in that
/// graph (Dijkstra from every source, O(n^2 k log n)); (3) classical MDS of d_G: the top c eigenvectors of
/// B = -1/2 J d_G^(2) J, by Lanczos (<see cref="ClassicalMds"/>).</para>
/// <para>A disconnected graph has infinite geodesic distances and no embedding: that is an
/// <see cref="InvalidOperationException"/> naming the number of components.</para>
/// </remarks>
public sealed class Isomap
{
    /// <summary>Isomap with the k-nearest-neighbour graph.</summary>
    /// <param name="neighbors">k &gt;= 1 (checked against n when fitting).</param>
    /// <param name="components">The embedding dimension c &gt;= 1.</param>
    public Isomap(int neighbors = 5, int components = 2)
    {
        if (neighbors < 1) throw new ArgumentOutOfRangeException(nameof(neighbors), neighbors, "Isomap: neighbors must be at least 1.");
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "Isomap: components must be at least 1.");
        Neighbors = neighbors;
        Components = components;
    }

    private Isomap(double epsilon, int components)
    {
        ManifoldChecks.Positive(epsilon, "Isomap.WithEpsilon", nameof(epsilon));
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "Isomap: components must be at least 1.");
        Epsilon = epsilon;
        Components = components;
    }

    /// <summary>Isomap with the epsilon graph: i ~ j when |x_i - x_j| &lt; epsilon.</summary>
    public static Isomap WithEpsilon(double epsilon, int components = 2) => new(epsilon, components);

    /// <summary>k of the k-nearest-neighbour graph (0 when the epsilon graph is used).</summary>
    public int Neighbors { get; }

    /// <summary>The radius of the epsilon graph, or null when the k-nearest-neighbour graph is used.</summary>
    public double? Epsilon { get; }

    /// <summary>The embedding dimension c.</summary>
    public int Components { get; }

    /// <summary>Embeds the rows of <paramref name="x"/>.</summary>
    /// <param name="x">n x d data, finite.</param>
    /// <param name="progress">Receives the fraction of shortest-path sources done; may be null.</param>
    /// <param name="cancellationToken">Honoured during the shortest paths and the eigen-solve.</param>
    /// <returns>n x c coordinates and the top c eigenvalues of the double-centred squared geodesic distances.</returns>
    /// <exception cref="ArgumentException">NaN or infinity in the data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &gt; n - 1, or c &gt; n.</exception>
    /// <exception cref="InvalidOperationException">The neighbourhood graph is disconnected.</exception>
    public SpectralEmbedding FitTransform(Matrix<double> x, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        const string method = "Isomap.FitTransform";
        ManifoldChecks.Data(x, method, nameof(x));
        ManifoldChecks.Components(Components, x.RowCount, method, nameof(Components));
        var graph = Epsilon is { } eps ? NeighborhoodGraph.Epsilon(x, eps) : KNearest(x, method);
        var (labels, count) = graph.ConnectedComponents();
        if (count > 1)
        {
            var sizes = labels.GroupBy(l => l).Select(g => g.Count()).OrderByDescending(s => s).Take(5);
            var graphName = Epsilon is null ? ManifoldChecks.F($"{Neighbors}-nearest-neighbour graph") : ManifoldChecks.F($"epsilon graph (epsilon = {Epsilon})");
            throw new InvalidOperationException(ManifoldChecks.F(
                $"{method}: the {graphName} of the {x.RowCount} points has {count} connected components (largest sizes {string.Join(", ", sizes)}), so some geodesic distances are infinite; increase the neighbourhood or embed each component separately."));
        }

        var geodesic = (DenseMatrix)Dijkstra.AllPairs(graph, progress, cancellationToken);
        geodesic.MapInplace(v => v * v);
        ClassicalMds.DoubleCenterInPlace(geodesic);
        return ClassicalMds.EmbedGram(geodesic, Components, cancellationToken);
    }

    private NeighborhoodGraph KNearest(Matrix<double> x, string method)
    {
        ManifoldChecks.NeighborCount(Neighbors, x.RowCount, method, nameof(Neighbors));
        return NeighborhoodGraph.KNearest(x, Neighbors);
    }
}
