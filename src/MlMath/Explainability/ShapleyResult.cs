using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Explainability;

/// <summary>
/// Shapley values of one prediction: how much each feature moves the prediction from the base value
/// E[f(z)] (over the background) to f(x).
/// </summary>
/// <param name="Values">phi_j for each feature j.</param>
/// <param name="BaseValue">v(empty set) = E_background[f(z)], the prediction with no feature known.</param>
/// <param name="Prediction">v(all features) = f(x).</param>
public sealed record ShapleyResult(Vector<double> Values, double BaseValue, double Prediction)
{
    /// <summary>sum_j phi_j - (f(x) - E f): zero up to rounding for exact values (the efficiency axiom), and
    /// zero by construction for Kernel SHAP, whose regression is constrained to it.</summary>
    public double EfficiencyGap => Values.Sum() - (Prediction - BaseValue);
}
