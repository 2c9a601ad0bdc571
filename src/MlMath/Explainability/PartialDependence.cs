using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Explainability;

/// <summary>
/// Partial dependence (Friedman, "Greedy function approximation: a gradient boosting machine", Annals of Statistics 29,
/// 2001, sec. 8.2) and individual conditional expectation curves (Goldstein, Kapelner, Bleich &amp; Pitkin,
/// "Peeking inside the black box", J. Comput. Graph. Stat. 24, 2015): how the prediction changes as one feature is
/// set to each value of a grid, for every sample (ICE) and on average (PD),
/// <c>PD_j(v) = (1/n) sum_i f(v, x_{i, not j})</c>.
/// </summary>
/// <remarks>
/// PD averages away heterogeneity: a feature that raises the prediction for half the samples and lowers it for the
/// others has a flat PD curve but crossing ICE curves. Like permutation importance it evaluates the model at
/// combinations that may be unrealistic when features are correlated.
/// </remarks>
public static class PartialDependence
{
    /// <summary>PD and ICE curves of one feature over the given grid values.</summary>
    /// <param name="predictor">The model: a feature matrix (one row per sample) to one prediction per row.</param>
    /// <param name="features">n x d samples whose other features are kept (e.g. the training set), finite.</param>
    /// <param name="feature">The feature j to vary, 0 .. d-1.</param>
    /// <param name="grid">The values to set feature j to; at least one, finite.</param>
    /// <returns>The grid, the n x g ICE curves and their average.</returns>
    /// <exception cref="ArgumentException">The features or the grid are empty or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The feature index is not a column.</exception>
    /// <exception cref="InvalidOperationException">The predictor does not return one finite value per row.</exception>
    public static PartialDependenceResult Compute(Func<Matrix<double>, Vector<double>> predictor, Matrix<double> features, int feature,
        IReadOnlyList<double> grid)
    {
        const string method = "PartialDependence";
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(grid);
        ExplainabilityChecks.FiniteNonEmpty(features, method, nameof(features));
        var gridVector = Vector<double>.Build.DenseOfEnumerable(grid);
        ExplainabilityChecks.FiniteNonEmpty(gridVector, method, nameof(grid));
        var (n, d, g) = (features.RowCount, features.ColumnCount, grid.Count);
        if (feature < 0 || feature >= d)
        {
            throw new ArgumentOutOfRangeException(nameof(feature), feature,
                string.Create(CultureInfo.InvariantCulture, $"{method}: feature must be a column index in 0..{d - 1}, got {feature}."));
        }

        // One predictor call for all n g modified rows: block k holds every sample with feature j set to grid_k.
        var rows = Matrix<double>.Build.Dense(n * g, d);
        for (var k = 0; k < g; k++)
        {
            rows.SetSubMatrix(k * n, 0, features);
            for (var i = 0; i < n; i++) rows[(k * n) + i, feature] = grid[k];
        }

        var predictions = ExplainabilityChecks.Predict(predictor, rows, method);
        var ice = Matrix<double>.Build.Dense(n, g, (i, k) => predictions[(k * n) + i]);
        return new PartialDependenceResult(feature, gridVector, ice, ice.ColumnSums() / n);
    }

    /// <summary>PD and ICE curves over <paramref name="gridSize"/> evenly spaced values from the feature's minimum to
    /// its maximum in <paramref name="features"/>.</summary>
    /// <param name="predictor">The model.</param>
    /// <param name="features">n x d samples, finite.</param>
    /// <param name="feature">The feature to vary.</param>
    /// <param name="gridSize">The number of grid values; at least 2.</param>
    /// <returns>The grid, the ICE curves and their average.</returns>
    /// <exception cref="ArgumentException">The features are empty or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The feature index is not a column, or gridSize is below 2.</exception>
    /// <exception cref="InvalidOperationException">The predictor does not return one finite value per row.</exception>
    public static PartialDependenceResult Compute(Func<Matrix<double>, Vector<double>> predictor, Matrix<double> features, int feature,
        int gridSize = 20)
    {
        const string method = "PartialDependence";
        ExplainabilityChecks.FiniteNonEmpty(features, method, nameof(features));
        ExplainabilityChecks.AtLeast(gridSize, 2, method, nameof(gridSize));
        if (feature < 0 || feature >= features.ColumnCount)
        {
            throw new ArgumentOutOfRangeException(nameof(feature), feature, string.Create(CultureInfo.InvariantCulture,
                $"{method}: feature must be a column index in 0..{features.ColumnCount - 1}, got {feature}."));
        }

        var column = features.Column(feature);
        var (min, max) = (column.Minimum(), column.Maximum());
        var grid = Enumerable.Range(0, gridSize).Select(k => min + ((max - min) * k / (gridSize - 1))).ToArray();
        return Compute(predictor, features, feature, grid);
    }
}
