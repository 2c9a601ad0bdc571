using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// The viscous Burgers equation u_t + u u_x = nu u_xx on [a, b] x [0, T], u(x, 0) = f(x), with periodic boundaries or
/// Dirichlet values at both ends: the simplest model of fluid flow that has both nonlinear convection (steepening into
/// shocks) and viscous diffusion (which keeps them of width about nu / |u|) (Burgers 1948; Whitham, <i>Linear and
/// Nonlinear Waves</i>, 1974, chapter 4).
/// </summary>
public sealed class BurgersProblem
{
    private BurgersProblem(double viscosity, double start, double end, Func<double, double> initialCondition, double finalTime,
        BoundaryCondition? left, BoundaryCondition? right)
    {
        ArgumentNullException.ThrowIfNull(initialCondition);
        if (!(viscosity >= 0) || !double.IsFinite(viscosity))
        {
            throw new ArgumentOutOfRangeException(nameof(viscosity), viscosity, string.Create(CultureInfo.InvariantCulture, $"BurgersProblem: the viscosity nu = {viscosity} must be finite and >= 0."));
        }

        if (!double.IsFinite(start) || !double.IsFinite(end) || !(end > start))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"BurgersProblem: [{start}, {end}] must be a finite interval with end > start."), nameof(end));
        }

        if (!(finalTime > 0) || !double.IsFinite(finalTime))
        {
            throw new ArgumentOutOfRangeException(nameof(finalTime), finalTime, string.Create(CultureInfo.InvariantCulture, $"BurgersProblem: the final time T = {finalTime} must be finite and > 0."));
        }

        if (left is { Kind: not BoundaryKind.Dirichlet } || right is { Kind: not BoundaryKind.Dirichlet })
        {
            throw new ArgumentException("BurgersProblem: only Dirichlet boundaries (or periodic ones) are supported.", left is { Kind: not BoundaryKind.Dirichlet } ? nameof(left) : nameof(right));
        }

        (Viscosity, Start, End, InitialCondition, FinalTime, Left, Right) = (viscosity, start, end, initialCondition, finalTime, left, right);
    }

    /// <summary>nu.</summary>
    public double Viscosity { get; }

    /// <summary>a.</summary>
    public double Start { get; }

    /// <summary>b.</summary>
    public double End { get; }

    /// <summary>f(x) = u(x, 0).</summary>
    public Func<double, double> InitialCondition { get; }

    /// <summary>T.</summary>
    public double FinalTime { get; }

    /// <summary>True when u is (b - a)-periodic.</summary>
    public bool IsPeriodic => Left is null;

    /// <summary>The Dirichlet condition at a, or null when periodic.</summary>
    public BoundaryCondition? Left { get; }

    /// <summary>The Dirichlet condition at b, or null when periodic.</summary>
    public BoundaryCondition? Right { get; }

    /// <summary>A periodic problem: u(a, t) = u(b, t) (f should be periodic too).</summary>
    /// <exception cref="ArgumentException">nu &lt; 0, an empty interval, or T &lt;= 0.</exception>
    public static BurgersProblem Periodic(double viscosity, double start, double end, Func<double, double> initialCondition, double finalTime) =>
        new(viscosity, start, end, initialCondition, finalTime, null, null);

    /// <summary>A problem with u(a, t) = g_a(t) and u(b, t) = g_b(t).</summary>
    /// <exception cref="ArgumentException">nu &lt; 0, an empty interval, T &lt;= 0, or a Neumann condition.</exception>
    public static BurgersProblem Dirichlet(double viscosity, double start, double end, Func<double, double> initialCondition, double finalTime,
        BoundaryCondition left, BoundaryCondition right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(viscosity, start, end, initialCondition, finalTime, left, right);
    }
}
