using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Manifolds;

/// <summary>
/// Laplacian eigenmaps: the embedding that keeps graph neighbours close, from the bottom eigenvectors of the
/// graph Laplacian, a discrete Laplace-Beltrami operator.
/// </summary>
/// <remarks>
/// <para>Belkin and Niyogi, "Laplacian eigenmaps for dimensionality reduction and data representation",
/// Neural Computation 15, 2003. On the symmetric k-nearest-neighbour graph with weights W (heat kernel
/// exp(-|x_i - x_j|^2 / t) or 1), degrees D_ii = sum_j W_ij and Laplacian L = D - W, minimise
/// sum_ij W_ij |y_i - y_j|^2 = 2 tr(Y^T L Y) subject to Y^T D Y = I: the generalised eigenproblem
/// L y = lambda D y. Its smallest eigenvalue is 0 with the constant vector (dropped); the next c eigenvectors
/// are the embedding.</para>
/// <para>Solved as the symmetric problem L_sym z = lambda z with L_sym = D^(-1/2) L D^(-1/2) = I - D^(-1/2) W
/// D^(-1/2) and y = D^(-1/2) z, whose smallest eigenpairs come from shift-invert Lanczos (envelope Cholesky).
/// The default heat-kernel width t is the mean squared edge length of the graph (a choice made here; the
/// paper leaves t to the user).</para>
/// </remarks>
public sealed class LaplacianEigenmaps
{
    /// <summary>Configures Laplacian eigenmaps.</summary>
    /// <param name="neighbors">k &gt;= 1 (checked against n when fitting).</param>
    /// <param name="components">c &gt;= 1.</param>
    /// <param name="weighting">Heat kernel or binary edge weights.</param>
    /// <param name="heatKernelWidth">t &gt; 0 for the heat kernel; null: the mean squared edge length.</param>
    public LaplacianEigenmaps(int neighbors = 10, int components = 2, LaplacianWeighting weighting = LaplacianWeighting.HeatKernel, double? heatKernelWidth = null)
    {
        if (neighbors < 1) throw new ArgumentOutOfRangeException(nameof(neighbors), neighbors, "LaplacianEigenmaps: neighbors must be at least 1.");
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "LaplacianEigenmaps: components must be at least 1.");
        if (heatKernelWidth is { } t) ManifoldChecks.Positive(t, "LaplacianEigenmaps", nameof(heatKernelWidth));
        Neighbors = neighbors;
        Components = components;
        Weighting = weighting;
        HeatKernelWidth = heatKernelWidth;
    }

    /// <summary>k of the k-nearest-neighbour graph.</summary>
    public int Neighbors { get; }

    /// <summary>c, the embedding dimension.</summary>
    public int Components { get; }

    /// <summary>The edge weights.</summary>
    public LaplacianWeighting Weighting { get; }

    /// <summary>t of the heat kernel, or null for the mean squared edge length.</summary>
    public double? HeatKernelWidth { get; }

    /// <summary>The embedding: eigenvectors 2..c+1 of L y = lambda D y (normalised y^T D y = 1) and their eigenvalues.</summary>
    /// <exception cref="ArgumentException">NaN or infinity in the data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &gt; n - 1, or c &gt; n - 2.</exception>
    /// <exception cref="InvalidOperationException">The graph is disconnected.</exception>
    public SpectralEmbedding FitTransform(Matrix<double> x, CancellationToken cancellationToken = default)
    {
        var (values, vectors) = GeneralizedEigenpairs(x, Components + 1, cancellationToken);
        return new SpectralEmbedding(vectors.SubMatrix(0, x.RowCount, 1, Components), values.SubVector(1, Components));
    }

    /// <summary>
    /// The <paramref name="count"/> smallest eigenpairs of L y = lambda D y, trivial pair (0, constant) first,
    /// each y normalised to y^T D y = 1.
    /// </summary>
    /// <exception cref="ArgumentException">NaN or infinity in the data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &gt; n - 1, or count &gt; n - 1.</exception>
    /// <exception cref="InvalidOperationException">The graph is disconnected.</exception>
    public (Vector<double> Eigenvalues, Matrix<double> Eigenvectors) GeneralizedEigenpairs(Matrix<double> x, int count, CancellationToken cancellationToken = default)
    {
        const string method = "LaplacianEigenmaps.GeneralizedEigenpairs";
        ManifoldChecks.Data(x, method, nameof(x));
        var n = x.RowCount;
        ManifoldChecks.NeighborCount(Neighbors, n, method, nameof(Neighbors));
        ManifoldChecks.Components(count, n - 1, method, nameof(count));
        var graph = NeighborhoodGraph.KNearest(x, Neighbors);
        var (_, componentCount) = graph.ConnectedComponents();
        if (componentCount > 1)
        {
            throw new InvalidOperationException(ManifoldChecks.F(
                $"{method}: the {Neighbors}-nearest-neighbour graph of the {n} points has {componentCount} connected components, so eigenvalue 0 is repeated {componentCount} times and the embedding is not defined; increase the number of neighbours."));
        }

        var (laplacian, rootDegree) = NormalizedLaplacian(graph);
        var eig = SpectralSolvers.SmallestSparse(laplacian, count, cancellationToken);
        var y = DenseMatrix.Create(n, count, (i, c) => eig.Eigenvectors[i, c] / rootDegree[i]);
        SpectralSolvers.FixSigns(y);
        return (eig.Eigenvalues.Map(v => Math.Max(v, 0)), y);
    }

    /// <summary>L_sym = I - D^(-1/2) W D^(-1/2) and sqrt(D_ii).</summary>
    private (SparseSymmetricMatrix Laplacian, double[] RootDegree) NormalizedLaplacian(NeighborhoodGraph graph)
    {
        var n = graph.NodeCount;
        var lengths = graph.WeightSpan;
        var t = HeatKernelWidth ?? MeanSquare(lengths);
        var w = new double[lengths.Length];
        for (var e = 0; e < w.Length; e++) w[e] = Weighting == LaplacianWeighting.Binary ? 1.0 : Math.Exp(-lengths[e] * lengths[e] / t);
        var offsets = graph.OffsetSpan;
        var targets = graph.TargetSpan;
        var rootDegree = new double[n];
        for (var i = 0; i < n; i++)
        {
            var degree = 0.0;
            for (var e = offsets[i]; e < offsets[i + 1]; e++) degree += w[e];
            rootDegree[i] = Math.Sqrt(degree);
        }

        var rows = new List<(int Column, double Value)>[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = [(i, 1.0)];
            for (var e = offsets[i]; e < offsets[i + 1]; e++) rows[i].Add((targets[e], -w[e] / (rootDegree[i] * rootDegree[targets[e]])));
        }

        return (SparseSymmetricMatrix.FromRows(rows), rootDegree);
    }

    private static double MeanSquare(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v * v;
        return values.Length > 0 && sum > 0 ? sum / values.Length : 1.0;
    }
}
