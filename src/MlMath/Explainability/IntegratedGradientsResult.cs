using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Explainability;

/// <summary>
/// What <see cref="IntegratedGradients"/> returns: the attributions and the evidence of how well the
/// path integral was approximated.
/// </summary>
/// <param name="Attributions">n x d: IG_ij for each sample (row) and feature (column).</param>
/// <param name="OutputAtInput">f_c(x_i) for each sample.</param>
/// <param name="OutputAtBaseline">f_c(x'_i) for each sample.</param>
/// <param name="CompletenessGap">For each sample, sum_j IG_ij - (f_c(x_i) - f_c(x'_i)). The exact integral has
/// gap 0 (the completeness axiom), so the gap measures the quadrature error: increase the step count until it
/// is small compared with |f_c(x_i) - f_c(x'_i)|.</param>
/// <param name="GradientEvaluations">How many batched gradient evaluations were made (m, or m + 1 for the trapezoid rule).</param>
public sealed record IntegratedGradientsResult(
    Matrix<double> Attributions,
    Vector<double> OutputAtInput,
    Vector<double> OutputAtBaseline,
    Vector<double> CompletenessGap,
    int GradientEvaluations)
{
    /// <summary>The largest |gap| over the samples.</summary>
    public double MaxAbsoluteGap => CompletenessGap.AbsoluteMaximum();
}
