namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// An option price's sensitivities (Hull, <i>Options, Futures, and Other Derivatives</i>, ch. 19): the derivatives a
/// hedger needs. Units: per unit of spot, per unit of volatility (not per percentage point), per year, per unit of rate.
/// </summary>
/// <param name="Delta">dV/dS.</param>
/// <param name="Gamma">d^2V/dS^2.</param>
/// <param name="Vega">dV/d sigma.</param>
/// <param name="Theta">dV/dt in calendar time, = -dV/d(time to maturity) (usually negative: time decay).</param>
/// <param name="Rho">dV/dr.</param>
public sealed record OptionGreeks(double Delta, double Gamma, double Vega, double Theta, double Rho);
