using MlMath.LinearAlgebra;

namespace MlMath.Graphs;

/// <summary>
/// The matrices of spectral graph theory and of graph convolutions, each a pure function of a
/// <see cref="Graph"/>: normalised adjacencies (the propagation matrices of GCN and GraphSAGE-mean) and
/// Laplacians (the "second derivative" of a graph signal). Self loops are a separate function
/// (<see cref="Graph.AddSelfLoops"/>), not a flag: GCN's matrix is
/// <c>SymmetricNormalizedAdjacency(graph.AddSelfLoops())</c>.
/// </summary>
/// <remarks>
/// Degrees are the weighted in-degrees d_i = sum_j A_ij. A node of degree 0 has nothing to normalise by: its
/// factor d^-1/2 (or d^-1) is taken as 0 instead of infinity, so it simply receives no messages (PyTorch
/// Geometric's guard). Reference: Chung, Spectral Graph Theory (1997), ch. 1; von Luxburg, "A tutorial on
/// spectral clustering" (2007), sec. 3.
/// Shapes: every result is n x n (CSR), with the graph's stored entries (plus the diagonal for Laplacians).
/// </remarks>
public static class GraphMatrices
{
    /// <summary>
    /// D^-1/2 A D^-1/2: entry (i, j) is w_ji / sqrt(d_i d_j). Applied to A + I this is the GCN propagation
    /// matrix A_hat of Kipf &amp; Welling, "Semi-supervised classification with graph convolutional networks",
    /// ICLR 2017, eq. 2 and 8.
    /// </summary>
    public static CsrMatrix SymmetricNormalizedAdjacency(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var inverseSqrt = graph.Degrees().Select(d => d > 0.0 ? 1.0 / Math.Sqrt(d) : 0.0).ToArray();
        var values = new double[graph.EdgeCount];
        for (var e = 0; e < values.Length; e++)
        {
            values[e] = Weight(graph, e) * inverseSqrt[graph.TargetArray[e]] * inverseSqrt[graph.SourceArray[e]];
        }

        return graph.Adjacency.WithValues(values);
    }

    /// <summary>
    /// D^-1 A: entry (i, j) is w_ji / d_i, so (D^-1 A X)_i is the weighted mean of the neighbours' features
    /// (GraphSAGE's mean aggregator; the transition matrix of a random walk, transposed).
    /// </summary>
    public static CsrMatrix RandomWalkNormalizedAdjacency(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var degrees = graph.Degrees();
        var values = new double[graph.EdgeCount];
        for (var e = 0; e < values.Length; e++)
        {
            var d = degrees[graph.TargetArray[e]];
            values[e] = d > 0.0 ? Weight(graph, e) / d : 0.0;
        }

        return graph.Adjacency.WithValues(values);
    }

    /// <summary>
    /// The combinatorial Laplacian L = D - A. For a symmetric graph, x^T L x = 1/2 sum_ij A_ij (x_i - x_j)^2
    /// &gt;= 0; L is positive semi-definite and the multiplicity of its eigenvalue 0 is the number of connected
    /// components (Chung 1997, lemma 1.7; von Luxburg 2007, prop. 2).
    /// </summary>
    public static CsrMatrix Laplacian(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var degrees = graph.Degrees();
        return IdentityMinus(graph, degrees, (e, _) => Weight(graph, e));
    }

    /// <summary>
    /// The normalised Laplacian L_sym = I - D^-1/2 A D^-1/2 (eigenvalues in [0, 2] for a symmetric graph;
    /// Chung 1997, sec. 1.2). The diagonal entry of an isolated node is 0 here, as its row of
    /// D^-1/2 A D^-1/2 is empty and the guard above applies to I as well.
    /// </summary>
    public static CsrMatrix NormalizedLaplacian(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var degrees = graph.Degrees();
        var inverseSqrt = degrees.Select(d => d > 0.0 ? 1.0 / Math.Sqrt(d) : 0.0).ToArray();
        var diagonal = degrees.Select(d => d > 0.0 ? 1.0 : 0.0).ToArray();
        return IdentityMinus(graph, diagonal,
            (e, g) => Weight(g, e) * inverseSqrt[g.TargetArray[e]] * inverseSqrt[g.SourceArray[e]]);
    }

    /// <summary>
    /// The scaled Laplacian L_tilde = 2 L_sym / lambdaMax - I that maps the spectrum [0, lambdaMax] onto [-1, 1],
    /// where Chebyshev polynomials live (Defferrard et al., NeurIPS 2016, sec. 2.1). With lambdaMax = 2 (the
    /// bound for L_sym) this is -D^-1/2 A D^-1/2.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">lambdaMax is not positive.</exception>
    public static CsrMatrix ScaledLaplacian(Graph graph, double lambdaMax = 2.0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!(lambdaMax > 0.0)) throw new ArgumentOutOfRangeException(nameof(lambdaMax), lambdaMax, "GraphMatrices.ScaledLaplacian: lambdaMax must be positive.");
        var l = NormalizedLaplacian(graph);
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<double>();
        for (var i = 0; i < l.RowCount; i++)
        {
            rows.Add(i);
            columns.Add(i);
            values.Add(-1.0);
            for (var k = l.RowPointers[i]; k < l.RowPointers[i + 1]; k++)
            {
                rows.Add(i);
                columns.Add(l.ColumnIndices[k]);
                values.Add(2.0 * l.Values[k] / lambdaMax);
            }
        }

        return CsrMatrix.FromCoordinates(l.RowCount, l.ColumnCount, rows, columns, values);
    }

    private static double Weight(Graph graph, int e) => graph.WeightArray?[e] ?? 1.0;

    /// <summary>diag(diagonal) - offDiagonal, where edge e contributes offDiagonal(e) at (target, source).</summary>
    private static CsrMatrix IdentityMinus(Graph graph, double[] diagonal, Func<int, Graph, double> offDiagonal)
    {
        var rows = new List<int>(graph.EdgeCount + graph.NodeCount);
        var columns = new List<int>(graph.EdgeCount + graph.NodeCount);
        var values = new List<double>(graph.EdgeCount + graph.NodeCount);
        for (var i = 0; i < graph.NodeCount; i++)
        {
            rows.Add(i);
            columns.Add(i);
            values.Add(diagonal[i]);
        }

        for (var e = 0; e < graph.EdgeCount; e++)
        {
            rows.Add(graph.TargetArray[e]);
            columns.Add(graph.SourceArray[e]);
            values.Add(-offDiagonal(e, graph));
        }

        return CsrMatrix.FromCoordinates(graph.NodeCount, graph.NodeCount, rows, columns, values);
    }
}
