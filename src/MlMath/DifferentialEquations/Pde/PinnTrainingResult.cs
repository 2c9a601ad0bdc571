using MlMath.Optimization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>The outcome of <see cref="Pinn.Train"/>.</summary>
/// <param name="LossHistory">The loss after each Adam iteration, then at each accepted L-BFGS iterate.</param>
/// <param name="AdamIterations">How many of the history's entries came from Adam.</param>
/// <param name="Lbfgs">The L-BFGS run (iterations, evaluations, why it stopped), or null when it was skipped.</param>
/// <param name="FinalLoss">The total loss at the end.</param>
/// <param name="ResidualLoss">mean r^2 over the collocation points at the end (unweighted).</param>
/// <param name="ConditionLosses">mean (B[u] - g)^2 per condition at the end (unweighted), by name.</param>
public sealed record PinnTrainingResult(
    IReadOnlyList<double> LossHistory,
    int AdamIterations,
    MinimizationResult? Lbfgs,
    double FinalLoss,
    double ResidualLoss,
    IReadOnlyDictionary<string, double> ConditionLosses);
