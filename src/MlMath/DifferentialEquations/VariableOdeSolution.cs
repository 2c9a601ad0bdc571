using MlMath.Autodiff;

namespace MlMath.DifferentialEquations;

/// <summary>
/// The result of a differentiable integration: the states at the requested times as Variables (graph nodes that
/// depend on y0 and on whatever f's parameters are, through every solver step), the work done and the status.
/// </summary>
/// <param name="Times">The requested output times.</param>
/// <param name="States">y at each output time (States[0] is y0 itself).</param>
/// <param name="Statistics">Evaluations of f and accepted/rejected steps over the whole span.</param>
/// <param name="Status">Why the integration stopped; States holds only the times reached when it is not Success.</param>
public sealed record VariableOdeSolution(IReadOnlyList<double> Times, IReadOnlyList<Variable> States, OdeStatistics Statistics, OdeStatus Status);
