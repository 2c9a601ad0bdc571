namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// Time discretisations of the semi-discrete heat equation du/dt = L u, all members of the theta method
/// (I - theta dt L) u^{n+1} = (I + (1 - theta) dt L) u^n (Morton &amp; Mayers 2005, section 2.10).
/// </summary>
public enum HeatScheme
{
    /// <summary>
    /// Forward time, centred space (theta = 0): u_i^{n+1} = u_i^n + r (u_{i-1}^n - 2 u_i^n + u_{i+1}^n), r = alpha dt / dx^2.
    /// First order in time, second in space, explicit and cheap, but stable only for r &lt;= 1/2 (von Neumann:
    /// the amplification factor G(k) = 1 - 4 r sin^2(k dx / 2) must satisfy |G| &lt;= 1 for every wavenumber).
    /// </summary>
    ExplicitFtcs,

    /// <summary>Backward (implicit) Euler (theta = 1): unconditionally stable and L-stable (G -&gt; 0 for stiff modes), first order in time.</summary>
    ImplicitEuler,

    /// <summary>
    /// Crank-Nicolson (theta = 1/2; Crank &amp; Nicolson 1947): second order in time and space, unconditionally stable
    /// (|G| &lt;= 1), but G -&gt; -1 for the stiffest modes, so a non-smooth start rings unless a few implicit Euler
    /// start-up steps are taken first (Rannacher 1984; <see cref="HeatSolverOptions.RannacherSteps"/>).
    /// </summary>
    CrankNicolson,
}
