namespace MlMath.DifferentialEquations.Pde;

/// <summary>The type of a boundary condition at one end of a 1-D domain.</summary>
public enum BoundaryKind
{
    /// <summary>The value is prescribed: u(end, t) = g(t).</summary>
    Dirichlet,

    /// <summary>The derivative along +x is prescribed: u_x(end, t) = g(t) (a flux; g = 0 insulates).</summary>
    Neumann,
}
