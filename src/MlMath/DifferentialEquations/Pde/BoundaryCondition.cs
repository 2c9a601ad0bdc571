namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// A boundary condition at one end of a 1-D domain: Dirichlet u = g(t) or Neumann u_x = g(t) (the derivative along
/// +x at both ends, so an insulated end has g = 0 at either side).
/// </summary>
/// <remarks>
/// Finite differences impose a Neumann condition with a ghost node (LeVeque, <i>Finite Difference Methods for
/// Ordinary and Partial Differential Equations</i>, SIAM 2007, section 2.12): at the left end the centred difference
/// (u_1 - u_{-1}) / (2 dx) = g gives u_{-1} = u_1 - 2 dx g, which keeps the scheme second-order accurate.
/// </remarks>
public sealed class BoundaryCondition
{
    private BoundaryCondition(BoundaryKind kind, Func<double, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Kind = kind;
        Value = value;
    }

    /// <summary>Dirichlet or Neumann.</summary>
    public BoundaryKind Kind { get; }

    /// <summary>g(t): the prescribed value (Dirichlet) or derivative u_x (Neumann) at time t.</summary>
    public Func<double, double> Value { get; }

    /// <summary>u(end, t) = g(t).</summary>
    public static BoundaryCondition Dirichlet(Func<double, double> value) => new(BoundaryKind.Dirichlet, value);

    /// <summary>u(end, t) = <paramref name="value"/> for all t.</summary>
    public static BoundaryCondition Dirichlet(double value) => new(BoundaryKind.Dirichlet, _ => value);

    /// <summary>u_x(end, t) = g(t).</summary>
    public static BoundaryCondition Neumann(Func<double, double> derivative) => new(BoundaryKind.Neumann, derivative);

    /// <summary>u_x(end, t) = <paramref name="derivative"/> for all t (0: an insulated end, no flux).</summary>
    public static BoundaryCondition Neumann(double derivative) => new(BoundaryKind.Neumann, _ => derivative);
}
