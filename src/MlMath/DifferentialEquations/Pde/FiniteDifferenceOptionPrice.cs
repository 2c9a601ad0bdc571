namespace MlMath.DifferentialEquations.Pde;

/// <summary>The result of <see cref="BlackScholesFiniteDifference.Price"/>.</summary>
/// <param name="Price">V(S0, 0).</param>
/// <param name="Delta">dV/dS at S0 from the grid: V_x / S with x = ln S, by a central difference.</param>
/// <param name="Gamma">d^2V/dS^2 at S0 from the grid: (V_xx - V_x) / S^2, by central differences.</param>
/// <param name="Surface">The whole grid function: nodes are spot prices S_j = exp(x_j), times are the time to
/// maturity tau (0 = the payoff first), values V(S_j, tau_n).</param>
public sealed record FiniteDifferenceOptionPrice(double Price, double Delta, double Gamma, PdeSolution Surface);
