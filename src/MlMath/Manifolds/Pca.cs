using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Manifolds;

/// <summary>
/// Principal component analysis: the orthogonal directions of largest variance of the data, from the singular
/// value decomposition of the centred data.
/// </summary>
/// <remarks>
/// <para>With the centred data Xc = X - 1 mu^T = U S V^T (thin SVD), the principal axes are the columns of V,
/// the scores are Xc V = U S, the variance along axis i is s_i^2 / (n - 1), and the explained variance ratio is
/// s_i^2 / sum_j s_j^2. Keeping c axes, Transform(X) = (X - mu) V_c and InverseTransform(Z) = Z V_c^T + mu,
/// the best rank-c reconstruction in the least-squares sense (Eckart-Young).</para>
/// <para>The thin SVD is computed through a thin QR factorisation Xc = Q R (R is d x d when n &gt;= d) and the
/// SVD of the small R = U_R S V^T, so Xc = (Q U_R) S V^T: O(n d^2) work and never the n x n U that MathNet's
/// full SVD would build. When n &lt; d the same is done for Xc^T. Each axis's sign is fixed so that its entry of
/// largest magnitude is positive.</para>
/// <para>References: Pearson 1901; Hotelling 1933; Jolliffe, Principal Component Analysis, 2nd ed., 2002;
/// Golub and Van Loan, Matrix Computations, 4th ed., sec. 8.6 (SVD via QR).</para>
/// </remarks>
public sealed class Pca
{
    private Pca(Vector<double> mean, Matrix<double> components, Vector<double> singularValues, Vector<double> explainedVariance, Vector<double> ratio)
    {
        Mean = mean;
        Components = components;
        SingularValues = singularValues;
        ExplainedVariance = explainedVariance;
        ExplainedVarianceRatio = ratio;
    }

    /// <summary>mu, the column means of the training data (length d).</summary>
    public Vector<double> Mean { get; }

    /// <summary>V_c: d x c, column i is the i-th principal axis (unit length, orthogonal to the others).</summary>
    public Matrix<double> Components { get; }

    /// <summary>s_1 &gt;= ... &gt;= s_c, the singular values of the centred data.</summary>
    public Vector<double> SingularValues { get; }

    /// <summary>The variance along each kept axis, s_i^2 / (n - 1).</summary>
    public Vector<double> ExplainedVariance { get; }

    /// <summary>The share of the total variance along each kept axis, s_i^2 / sum over all axes of s_j^2; the ratios of all min(n, d) axes sum to 1.</summary>
    public Vector<double> ExplainedVarianceRatio { get; }

    /// <summary>Fits the principal axes of the rows of <paramref name="x"/>.</summary>
    /// <param name="x">n x d data, n &gt;= 2, finite.</param>
    /// <param name="components">c, 1 &lt;= c &lt;= min(n, d).</param>
    /// <exception cref="ArgumentException">NaN or infinity in the data, or fewer than 2 rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">c outside [1, min(n, d)].</exception>
    public static Pca Fit(Matrix<double> x, int components)
    {
        const string method = "Pca.Fit";
        ManifoldChecks.Data(x, method, nameof(x));
        int n = x.RowCount, d = x.ColumnCount;
        ManifoldChecks.Components(components, Math.Min(n, d), method, nameof(components));
        var mean = x.ColumnSums() / n;
        var centred = DenseMatrix.OfMatrix(x);
        for (var j = 0; j < d; j++) centred.SetColumn(j, centred.Column(j) - mean[j]);

        Vector<double> s;
        Matrix<double> v;
        if (n >= d)
        {
            var r = centred.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).R;
            var svd = r.Svd(computeVectors: true);
            (s, v) = (svd.S, svd.VT.Transpose());
        }
        else
        {
            var qr = centred.Transpose().QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
            var svd = qr.R.Transpose().Svd(computeVectors: true); // Xc = R^T Q^T = U S (Q W)^T with R^T = U S W^T
            (s, v) = (svd.S, qr.Q * svd.VT.Transpose());
        }

        var kept = v.SubMatrix(0, d, 0, components);
        SpectralSolvers.FixSigns(kept);
        var total = s.PointwisePower(2).Sum();
        var variance = s.SubVector(0, components).PointwisePower(2) / (n - 1);
        var ratio = s.SubVector(0, components).PointwisePower(2) / (total > 0 ? total : 1);
        return new Pca(mean, kept, s.SubVector(0, components), variance, ratio);
    }

    /// <summary>Z = (X - mu) V_c: the coordinates of each row along the kept axes.</summary>
    /// <exception cref="ArgumentException">X does not have d columns, or has non-finite entries.</exception>
    public Matrix<double> Transform(Matrix<double> x)
    {
        const string method = "Pca.Transform";
        ManifoldChecks.Data(x, method, nameof(x), 1);
        if (x.ColumnCount != Mean.Count)
        {
            throw new ArgumentException(ManifoldChecks.F($"{method}: x is {x.RowCount}x{x.ColumnCount}, but the PCA was fitted on {Mean.Count} columns."), nameof(x));
        }

        var centred = DenseMatrix.OfMatrix(x);
        for (var j = 0; j < Mean.Count; j++) centred.SetColumn(j, centred.Column(j) - Mean[j]);
        return centred * Components;
    }

    /// <summary>X^ = Z V_c^T + mu: back from scores to the data space (exact when c = min(n, d) on the training data).</summary>
    /// <exception cref="ArgumentException">Z does not have c columns.</exception>
    public Matrix<double> InverseTransform(Matrix<double> z)
    {
        const string method = "Pca.InverseTransform";
        ManifoldChecks.Data(z, method, nameof(z), 1);
        if (z.ColumnCount != Components.ColumnCount)
        {
            throw new ArgumentException(ManifoldChecks.F($"{method}: z is {z.RowCount}x{z.ColumnCount}, but the PCA keeps {Components.ColumnCount} components."), nameof(z));
        }

        var x = z * Components.Transpose();
        for (var j = 0; j < Mean.Count; j++) x.SetColumn(j, x.Column(j) + Mean[j]);
        return x;
    }
}
