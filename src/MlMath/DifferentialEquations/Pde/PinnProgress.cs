namespace MlMath.DifferentialEquations.Pde;

/// <summary>A training report of <see cref="Pinn.Train"/>.</summary>
/// <param name="Phase">"Adam" or "L-BFGS".</param>
/// <param name="Iteration">The iteration within the phase (1-based).</param>
/// <param name="Loss">The total loss.</param>
public sealed record PinnProgress(string Phase, int Iteration, double Loss);
