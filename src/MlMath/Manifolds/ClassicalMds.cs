using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Manifolds;

/// <summary>
/// Classical (Torgerson) multidimensional scaling: points in R^c whose Euclidean distances best match a given
/// distance matrix.
/// </summary>
/// <remarks>
/// If D holds the distances of centred points X (n x p), then B = -1/2 J D^(2) J = X X^T, where D^(2) is the
/// entrywise square and J = I - (1/n) 1 1^T the centring matrix ("double centring"). So the top c eigenpairs
/// B v_i = lambda_i v_i give X's coordinates back, up to a rigid motion: Y = [v_1 sqrt(lambda_1), ...,
/// v_c sqrt(lambda_c)]. For non-Euclidean D (geodesic distances in Isomap) B may have negative eigenvalues;
/// the top c positive ones give the best rank-c approximation of B in the Frobenius norm (Eckart-Young).
/// References: Torgerson, Psychometrika 17, 1952; Gower, Biometrika 53, 1966; Borg and Groenen, Modern
/// Multidimensional Scaling, 2nd ed., ch. 12.
/// </remarks>
public static class ClassicalMds
{
    /// <summary>
    /// Double centring B = -1/2 J D^(2) J, computed entrywise as
    /// B_ij = -1/2 (D2_ij - mean_k D2_ik - mean_k D2_kj + mean_kl D2_kl).
    /// </summary>
    /// <param name="squaredDistances">n x n symmetric matrix of squared distances.</param>
    /// <returns>The Gram matrix B of the centred configuration.</returns>
    /// <exception cref="ArgumentException">The matrix is not square or has non-finite entries.</exception>
    public static Matrix<double> DoubleCenter(Matrix<double> squaredDistances)
    {
        const string method = "ClassicalMds.DoubleCenter";
        CheckSquare(squaredDistances, method, nameof(squaredDistances));
        var b = DenseMatrix.OfMatrix(squaredDistances);
        DoubleCenterInPlace(b);
        return b;
    }

    /// <summary>Replaces a symmetric D2 by -1/2 J D2 J in place (row means equal column means by symmetry).</summary>
    internal static void DoubleCenterInPlace(DenseMatrix d2)
    {
        var n = d2.RowCount;
        var values = d2.Values;
        var means = new double[n];
        for (var j = 0; j < n; j++) means[j] = System.Numerics.Tensors.TensorPrimitives.Sum<double>(values.AsSpan(j * n, n)) / n;
        var grand = means.Average();
        Parallel.For(0, n, j =>
        {
            var column = values.AsSpan(j * n, n);
            for (var i = 0; i < n; i++) column[i] = -0.5 * (column[i] - means[i] - means[j] + grand);
        });
    }

    /// <summary>
    /// Embeds n points in R^c from their pairwise distances: Y = V_c Lambda_c^(1/2) from the top c eigenpairs of
    /// the double-centred squared distances (negative eigenvalues clamp to a zero coordinate).
    /// </summary>
    /// <param name="distances">n x n symmetric distances (not squared), finite.</param>
    /// <param name="components">c, 1 &lt;= c &lt;= n.</param>
    /// <param name="cancellationToken">Checked during the eigen-solve.</param>
    /// <exception cref="ArgumentException">The matrix is not square or has non-finite entries.</exception>
    public static SpectralEmbedding Embed(Matrix<double> distances, int components, CancellationToken cancellationToken = default)
    {
        const string method = "ClassicalMds.Embed";
        CheckSquare(distances, method, nameof(distances));
        ManifoldChecks.Components(components, distances.RowCount, method, nameof(components));
        var b = DenseMatrix.OfMatrix(distances);
        b.MapInplace(v => v * v);
        DoubleCenterInPlace(b);
        return EmbedGram(b, components, cancellationToken);
    }

    /// <summary>Y = V_c Lambda_c^(1/2) from the top eigenpairs of a Gram matrix B (overwritten use is allowed).</summary>
    internal static SpectralEmbedding EmbedGram(DenseMatrix b, int components, CancellationToken cancellationToken)
    {
        var eig = SpectralSolvers.LargestDense(b, components, cancellationToken);
        var y = eig.Eigenvectors.Clone();
        for (var c = 0; c < components; c++) y.SetColumn(c, y.Column(c) * Math.Sqrt(Math.Max(eig.Eigenvalues[c], 0)));
        return new SpectralEmbedding(y, eig.Eigenvalues);
    }

    private static void CheckSquare(Matrix<double> m, string method, string name)
    {
        ManifoldChecks.Data(m, method, name, 1);
        if (m.RowCount != m.ColumnCount)
        {
            throw new ArgumentException(ManifoldChecks.F($"{method}: {name} is {m.RowCount}x{m.ColumnCount}, not square."), name);
        }
    }
}
