using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Explainability;

/// <summary>
/// Permutation feature importance (Breiman, "Random forests", Machine Learning 45, 2001, sec. 10; made model-agnostic
/// as "model reliance" by Fisher, Rudin &amp; Dominici, JMLR 20, 2019): how much a metric degrades when the link
/// between one feature and the target is broken by shuffling that feature's column,
/// <c>I_j = (1/R) sum_r [s(y, f(X)) - s(y, f(X^{pi_r, j}))]</c> for a score s where higher is better
/// (the sign is flipped for an error metric).
/// </summary>
/// <remarks>
/// <para>It needs only predictions, so it works for any model. Compute it on held-out data: on the training set
/// it measures what the model memorised.</para>
/// <para>Pitfalls: with correlated features the shuffled rows are unrealistic combinations (extrapolation), and
/// when two features carry the same information the model may use either, so each alone looks unimportant
/// (the importance is shared or hidden). Importance is the model's reliance on a feature, not the feature's
/// causal effect or its value for a different model (Hooker, Mentch &amp; Zhou, 2021).</para>
/// </remarks>
public static class PermutationImportance
{
    /// <summary>
    /// Computes the importance of every feature: for each feature j and repeat r, shuffles column j (a uniform
    /// random permutation, Fisher-Yates) and records the metric; the importance is the mean drop in performance.
    /// </summary>
    /// <param name="predictor">The model: a feature matrix (one row per sample) to one prediction per row.</param>
    /// <param name="features">n x d evaluation features (n at least 2), finite.</param>
    /// <param name="targets">The n true targets (labels as 0, 1, ... for classification), finite.</param>
    /// <param name="metric">score(targets, predictions), any function such as accuracy, R^2 or mean squared error.</param>
    /// <param name="higherIsBetter">True for a score such as accuracy (drop = base - permuted); false for an error
    /// such as mean squared error (drop = permuted - base).</param>
    /// <param name="repeats">R, the number of shuffles per feature; at least 1.</param>
    /// <param name="random">The source of the permutations (features in order, repeats in order).</param>
    /// <returns>The baseline score, the mean and standard deviation of each feature's drop, and every permuted score.</returns>
    /// <exception cref="ArgumentException">Shapes differ, fewer than 2 rows, or an entry is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">repeats is below 1.</exception>
    /// <exception cref="InvalidOperationException">The predictor does not return one finite value per row, or the
    /// metric returns a non-finite value.</exception>
    public static PermutationImportanceResult Compute(Func<Matrix<double>, Vector<double>> predictor, Matrix<double> features,
        Vector<double> targets, Func<Vector<double>, Vector<double>, double> metric, bool higherIsBetter, int repeats, Random random)
    {
        const string method = "PermutationImportance";
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(random);
        ExplainabilityChecks.FiniteNonEmpty(features, method, nameof(features));
        ExplainabilityChecks.FiniteNonEmpty(targets, method, nameof(targets));
        if (targets.Count != features.RowCount || features.RowCount < 2)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: features are {ExplainabilityChecks.Shape(features)} with {targets.Count} targets; need one target per row and at least 2 rows."),
                nameof(targets));
        }

        ExplainabilityChecks.AtLeast(repeats, 1, method, nameof(repeats));
        double Score(Matrix<double> x)
        {
            var score = metric(targets, ExplainabilityChecks.Predict(predictor, x, method));
            return double.IsFinite(score)
                ? score
                : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{method}: the metric returned {score}."));
        }

        var (n, d) = (features.RowCount, features.ColumnCount);
        var baseline = Score(features);
        var sign = higherIsBetter ? 1.0 : -1.0;
        var scores = Matrix<double>.Build.Dense(d, repeats);
        var mean = Vector<double>.Build.Dense(d);
        var std = Vector<double>.Build.Dense(d);
        var shuffled = features.Clone();
        var order = new int[n];
        for (var j = 0; j < d; j++)
        {
            var drops = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                for (var i = 0; i < n; i++) order[i] = i;
                random.Shuffle(order);
                for (var i = 0; i < n; i++) shuffled[i, j] = features[order[i], j];
                scores[j, r] = Score(shuffled);
                drops[r] = sign * (baseline - scores[j, r]);
            }

            for (var i = 0; i < n; i++) shuffled[i, j] = features[i, j];
            mean[j] = drops.Average();
            std[j] = repeats > 1 ? Math.Sqrt(drops.Sum(x => (x - mean[j]) * (x - mean[j])) / (repeats - 1)) : 0.0;
        }

        return new PermutationImportanceResult(baseline, mean, std, scores);
    }
}
