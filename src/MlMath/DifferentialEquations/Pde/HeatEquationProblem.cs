using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// The 1-D heat (diffusion) equation u_t = alpha u_xx on [a, b] x [0, T], u(x, 0) = f(x), with a Dirichlet or
/// Neumann condition at each end. It is the model parabolic PDE (Morton &amp; Mayers 2005, chapter 2): with
/// u(0, t) = u(L, t) = 0 its solution is the Fourier series u = sum_k b_k exp(-alpha (k pi / L)^2 t) sin(k pi x / L),
/// so each mode decays at its own rate and high frequencies die fastest.
/// </summary>
public sealed class HeatEquationProblem
{
    /// <summary>Creates the problem.</summary>
    /// <param name="diffusivity">alpha &gt; 0.</param>
    /// <param name="grid">The spatial grid on [a, b].</param>
    /// <param name="initialCondition">f(x) = u(x, 0).</param>
    /// <param name="left">The condition at x = a.</param>
    /// <param name="right">The condition at x = b.</param>
    /// <param name="finalTime">T &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">alpha or T is not finite and positive.</exception>
    public HeatEquationProblem(double diffusivity, UniformGrid grid, Func<double, double> initialCondition,
        BoundaryCondition left, BoundaryCondition right, double finalTime)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(initialCondition);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (!(diffusivity > 0) || !double.IsFinite(diffusivity))
        {
            throw new ArgumentOutOfRangeException(nameof(diffusivity), diffusivity, string.Create(CultureInfo.InvariantCulture, $"HeatEquationProblem: the diffusivity alpha = {diffusivity} must be finite and > 0."));
        }

        if (!(finalTime > 0) || !double.IsFinite(finalTime))
        {
            throw new ArgumentOutOfRangeException(nameof(finalTime), finalTime, string.Create(CultureInfo.InvariantCulture, $"HeatEquationProblem: the final time T = {finalTime} must be finite and > 0."));
        }

        (Diffusivity, Grid, InitialCondition, Left, Right, FinalTime) = (diffusivity, grid, initialCondition, left, right, finalTime);
    }

    /// <summary>alpha.</summary>
    public double Diffusivity { get; }

    /// <summary>The spatial grid.</summary>
    public UniformGrid Grid { get; }

    /// <summary>f(x) = u(x, 0).</summary>
    public Func<double, double> InitialCondition { get; }

    /// <summary>The condition at x = a.</summary>
    public BoundaryCondition Left { get; }

    /// <summary>The condition at x = b.</summary>
    public BoundaryCondition Right { get; }

    /// <summary>T.</summary>
    public double FinalTime { get; }

    /// <summary>The largest FTCS step, dt = dx^2 / (2 alpha): the mesh ratio r = alpha dt / dx^2 must stay &lt;= 1/2.</summary>
    public double ExplicitStabilityLimit => Grid.Spacing * Grid.Spacing / (2 * Diffusivity);
}
