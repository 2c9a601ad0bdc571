using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Data;

/// <summary>
/// Standardises features column by column: z_ij = (x_ij - mu_j) / s_j, with the mean mu_j and the standard
/// deviation s_j of column j fitted on training data only and then applied unchanged to validation and test
/// data (fitting on all data would leak test information into training).
/// </summary>
/// <remarks>
/// <para>Formulas, for the n training rows: mu_j = (1/n) sum_i x_ij and
/// sigma_j = sqrt((1/n) sum_i (x_ij - mu_j)^2), the population standard deviation (divisor n, not n - 1; the same
/// convention as scikit-learn's StandardScaler). The variance is computed in two passes (mean first), which is
/// stable when the mean is large compared with the spread.</para>
/// <para>Zero variance: a column that is constant on the training data has no scale to divide by. Its divisor
/// s_j is taken as 1 (so the column becomes x - mu_j, all zeros on the training data) instead of producing NaN or
/// infinity. A column counts as constant when sigma_j &lt;= 1e-12 max_i |x_ij|, which also catches the
/// rounding-level spread that summing a constant column can leave. <see cref="StandardDeviation"/> reports sigma_j
/// as computed; <see cref="Scale"/> the divisor actually used.</para>
/// </remarks>
public sealed class Standardizer
{
    private Standardizer(Vector<double> mean, Vector<double> standardDeviation, Vector<double> scale)
    {
        Mean = mean;
        StandardDeviation = standardDeviation;
        Scale = scale;
    }

    /// <summary>The fitted column means mu_j (length d). Do not modify.</summary>
    public Vector<double> Mean { get; }

    /// <summary>The fitted population standard deviations sigma_j (length d); 0 (or rounding-level) for constant columns.</summary>
    public Vector<double> StandardDeviation { get; }

    /// <summary>The divisors s_j used by <see cref="Transform(Matrix{double})"/>: sigma_j, or 1 for a constant column.</summary>
    public Vector<double> Scale { get; }

    /// <summary>The number of feature columns d that this standardizer expects.</summary>
    public int FeatureCount => Mean.Count;

    /// <summary>Fits the column means and standard deviations of <paramref name="features"/> (n x d, n &gt;= 1).</summary>
    /// <exception cref="ArgumentException">The matrix has no rows or a non-finite entry.</exception>
    public static Standardizer Fit(Matrix<double> features)
    {
        const string method = nameof(Standardizer) + "." + nameof(Fit);
        DataChecks.NotNull(features, method, nameof(features));
        if (features.RowCount == 0)
        {
            throw new ArgumentException(
                $"{method}: features has no rows (features is {DataChecks.Shape(features)}); a mean needs at least one sample",
                nameof(features));
        }

        DataChecks.AllFinite(features, method, nameof(features));
        int n = features.RowCount, d = features.ColumnCount;
        var mean = Vector<double>.Build.Dense(d);
        var std = Vector<double>.Build.Dense(d);
        var scale = Vector<double>.Build.Dense(d);
        for (int j = 0; j < d; j++)
        {
            double sum = 0, maxAbs = 0;
            for (int i = 0; i < n; i++)
            {
                sum += features[i, j];
                maxAbs = Math.Max(maxAbs, Math.Abs(features[i, j]));
            }

            double mu = sum / n, squares = 0;
            for (int i = 0; i < n; i++)
            {
                double deviation = features[i, j] - mu;
                squares += deviation * deviation;
            }

            mean[j] = mu;
            std[j] = Math.Sqrt(squares / n);
            scale[j] = std[j] <= 1e-12 * maxAbs || std[j] == 0 ? 1.0 : std[j];
        }

        return new Standardizer(mean, std, scale);
    }

    /// <summary>Fits on the features of a data set (normally the training part of a <see cref="DatasetSplit"/>).</summary>
    public static Standardizer Fit(Dataset data)
    {
        DataChecks.NotNull(data, nameof(Standardizer) + "." + nameof(Fit), nameof(data));
        return Fit(data.Features);
    }

    /// <summary>Returns a new matrix with z_ij = (x_ij - mu_j) / s_j.</summary>
    /// <param name="features">m x d features with the same d as the fitted data.</param>
    /// <exception cref="ArgumentException">The column count differs from <see cref="FeatureCount"/>.</exception>
    public Matrix<double> Transform(Matrix<double> features)
    {
        CheckColumns(features, nameof(Transform));
        return Matrix<double>.Build.Dense(features.RowCount, features.ColumnCount,
            (i, j) => (features[i, j] - Mean[j]) / Scale[j]);
    }

    /// <summary>Returns a copy of the data set with standardised features and the same labels or targets.</summary>
    public Dataset Transform(Dataset data)
    {
        DataChecks.NotNull(data, nameof(Standardizer) + "." + nameof(Transform), nameof(data));
        var features = Transform(data.Features);
        return data.IsClassification
            ? Dataset.Classification(features, data.Labels!, data.ClassNames)
            : Dataset.Regression(features, data.Targets!.Clone());
    }

    /// <summary>Undoes <see cref="Transform(Matrix{double})"/>: returns a new matrix with x_ij = z_ij s_j + mu_j.</summary>
    /// <exception cref="ArgumentException">The column count differs from <see cref="FeatureCount"/>.</exception>
    public Matrix<double> InverseTransform(Matrix<double> standardized)
    {
        CheckColumns(standardized, nameof(InverseTransform));
        return Matrix<double>.Build.Dense(standardized.RowCount, standardized.ColumnCount,
            (i, j) => standardized[i, j] * Scale[j] + Mean[j]);
    }

    private void CheckColumns(Matrix<double> features, string caller)
    {
        string method = nameof(Standardizer) + "." + caller;
        DataChecks.NotNull(features, method, nameof(features));
        if (features.ColumnCount != FeatureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{method}: features is {DataChecks.Shape(features)} but the standardizer was fitted on {FeatureCount} columns"),
                nameof(features));
        }
    }
}
