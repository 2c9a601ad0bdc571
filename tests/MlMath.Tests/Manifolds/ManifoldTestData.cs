using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Tests.Manifolds;

/// <summary>Small fixtures shared by the manifold tests.</summary>
internal static class ManifoldTestData
{
    /// <summary>An n x n random symmetric matrix with entries U(-1, 1).</summary>
    internal static DenseMatrix RandomSymmetric(int n, Random random)
    {
        var a = DenseMatrix.Create(n, n, (_, _) => 2 * random.NextDouble() - 1);
        return (DenseMatrix)((a + a.Transpose()) / 2);
    }

    /// <summary>n x d standard normal data times a random scale per column.</summary>
    internal static DenseMatrix RandomData(int n, int d, Random random) =>
        DenseMatrix.Create(n, d, (_, j) => (j + 1) * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5));

    /// <summary>The n x n Euclidean distance matrix of the rows.</summary>
    internal static DenseMatrix Distances(Matrix<double> x) =>
        DenseMatrix.Create(x.RowCount, x.RowCount, (i, j) => (x.Row(i) - x.Row(j)).L2Norm());

    /// <summary>Pearson correlation of two vectors.</summary>
    internal static double Correlation(Vector<double> a, Vector<double> b) =>
        MathNet.Numerics.Statistics.Correlation.Pearson(a, b);

    /// <summary>
    /// The orthogonal Procrustes residual: min over rotations/reflections Q and translations of
    /// |Y Q + t - X|_F / |X - mean X|_F, with Q = U V^T from the SVD of Yc^T Xc.
    /// </summary>
    internal static double ProcrustesError(Matrix<double> x, Matrix<double> y)
    {
        var xc = x - DenseMatrix.Create(x.RowCount, x.ColumnCount, (_, j) => x.Column(j).Average());
        var yc = y - DenseMatrix.Create(y.RowCount, y.ColumnCount, (_, j) => y.Column(j).Average());
        var svd = (yc.Transpose() * xc).Svd(true);
        var q = svd.U * svd.VT;
        return (yc * q - xc).FrobeniusNorm() / xc.FrobeniusNorm();
    }
}
