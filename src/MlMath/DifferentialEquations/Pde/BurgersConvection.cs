namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// Conservative discretisations of the convective term (u^2/2)_x of Burgers' equation: du_i/dt gets
/// -(F_{i+1/2} - F_{i-1/2}) / dx with a numerical flux F(u_left, u_right) (LeVeque, <i>Finite Volume Methods for
/// Hyperbolic Problems</i>, 2002, chapter 4). Both are conservative, so with periodic boundaries the sum of u is constant
/// (the fluxes telescope), and shocks move at the right speed (Lax-Wendroff theorem).
/// </summary>
public enum BurgersConvection
{
    /// <summary>
    /// Godunov's upwind flux for the convex flux f(u) = u^2/2: F = max(f(max(u_L, 0)), f(min(u_R, 0))) (the exact
    /// Riemann solution at the interface; LeVeque 2002, section 12.2). First order and monotone: no oscillations, but a
    /// numerical viscosity of about |u| dx / 2 that smears fronts unless dx |u| / 2 is small next to nu.
    /// </summary>
    GodunovUpwind,

    /// <summary>
    /// The central flux F = (f(u_L) + f(u_R)) / 2, i.e. (f_{i+1} - f_{i-1}) / (2 dx): second order, no numerical
    /// viscosity, but it oscillates unless the cell Peclet number |u| dx / nu stays below about 2.
    /// </summary>
    Central,
}
