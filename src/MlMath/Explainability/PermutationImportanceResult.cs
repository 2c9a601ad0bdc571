using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Explainability;

/// <summary>What <see cref="PermutationImportance"/> returns.</summary>
/// <param name="BaselineScore">The metric on the unpermuted data.</param>
/// <param name="Importances">For each feature, the mean over repeats of the drop in performance when that feature's
/// column is shuffled (positive: the model relies on the feature; about 0: it does not).</param>
/// <param name="StandardDeviations">For each feature, the sample standard deviation (divisor repeats - 1) of the drop
/// over the repeats; 0 with a single repeat.</param>
/// <param name="PermutedScores">d x repeats: the metric after each shuffle of each feature.</param>
public sealed record PermutationImportanceResult(
    double BaselineScore,
    Vector<double> Importances,
    Vector<double> StandardDeviations,
    Matrix<double> PermutedScores)
{
    /// <summary>Feature indices from the most to the least important (ties keep index order).</summary>
    public int[] Ranking() =>
        [.. Enumerable.Range(0, Importances.Count).OrderByDescending(j => Importances[j])];
}
