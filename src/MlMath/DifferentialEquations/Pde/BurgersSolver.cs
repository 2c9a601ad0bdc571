using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// Burgers' equation by the method of lines: discretise space only, du_i/dt = -(F_{i+1/2} - F_{i-1/2}) / dx
/// + nu (u_{i-1} - 2 u_i + u_{i+1}) / dx^2 with a conservative numerical flux F (<see cref="BurgersConvection"/>), and
/// hand the resulting ODE system to an <see cref="IOdeSolver"/> (LeVeque 2007, chapter 10; Schiesser, <i>The Numerical
/// Method of Lines</i>, 1991).
/// </summary>
/// <remarks>
/// The ODE solver's error control then chooses the time step; the system is mildly stiff (the diffusion eigenvalues
/// reach -4 nu / dx^2), so an explicit adaptive method is fine for moderate grids and a stiff one
/// (<see cref="Rosenbrock23"/>) for fine ones. Grids: periodic problems use N nodes x_i = a + i dx, dx = (b - a) / N
/// (x_N is x_0 again); Dirichlet problems use N + 1 nodes with the two end values prescribed.
/// </remarks>
public static class BurgersSolver
{
    /// <summary>Solves <paramref name="problem"/> on <paramref name="intervals"/> cells and returns u at <paramref name="outputTimes"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="intervals">N &gt;= 3.</param>
    /// <param name="outputTimes">Increasing times in [0, T] at which to report u (from the solver's dense output).</param>
    /// <param name="convection">The numerical flux (default central, second order).</param>
    /// <param name="solver">The ODE solver (default adaptive Dormand-Prince 5(4)).</param>
    /// <param name="options">Its options (default rtol 1e-7, atol 1e-9).</param>
    /// <exception cref="ArgumentException">N &lt; 3, or an output time outside [0, T].</exception>
    /// <exception cref="InvalidOperationException">The ODE solver stopped before T (its status is in the message).</exception>
    public static PdeSolution Solve(BurgersProblem problem, int intervals, IReadOnlyList<double> outputTimes,
        BurgersConvection convection = BurgersConvection.Central, IOdeSolver? solver = null, OdeSolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(outputTimes);
        if (intervals < 3) throw new ArgumentOutOfRangeException(nameof(intervals), intervals, "BurgersSolver.Solve: at least 3 cells are needed.");
        if (outputTimes.Any(t => !(t >= 0 && t <= problem.FinalTime)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"BurgersSolver.Solve: every output time must lie in [0, {problem.FinalTime}]."), nameof(outputTimes));
        }

        var dx = (problem.End - problem.Start) / intervals;
        var nodes = Enumerable.Range(0, problem.IsPeriodic ? intervals : intervals + 1)
            .Select(i => i == intervals ? problem.End : problem.Start + i * dx).ToArray();
        var offset = problem.IsPeriodic ? 0 : 1;
        var unknowns = problem.IsPeriodic ? intervals : intervals - 1;
        var u0 = Vector<double>.Build.Dense(unknowns, k => problem.InitialCondition(nodes[k + offset]));
        var full = new double[unknowns + 2];
        var flux = new double[unknowns + 1];
        void RightHandSide(double t, ReadOnlySpan<double> u, Span<double> dudt)
        {
            // full = (ghost or left boundary, u_0..u_{m-1}, ghost or right boundary).
            u.CopyTo(full.AsSpan(1));
            full[0] = problem.IsPeriodic ? u[^1] : problem.Left!.Value(t);
            full[^1] = problem.IsPeriodic ? u[0] : problem.Right!.Value(t);
            for (var k = 0; k <= unknowns; k++) flux[k] = NumericalFlux(full[k], full[k + 1], convection);
            for (var k = 0; k < unknowns; k++)
            {
                dudt[k] = -(flux[k + 1] - flux[k]) / dx + problem.Viscosity * (full[k] - 2 * full[k + 1] + full[k + 2]) / (dx * dx);
            }
        }

        solver ??= new ExplicitRungeKutta(ButcherTableau.DormandPrince54);
        options ??= new OdeSolverOptions { RelativeTolerance = 1e-7, AbsoluteTolerance = 1e-9 };
        var solution = solver.Solve(new OdeProblem(RightHandSide, u0, 0, problem.FinalTime), options);
        if (solution.Status != OdeStatus.Success)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"BurgersSolver.Solve: {solver.Name} stopped at t = {solution.FinalTime} of {problem.FinalTime} with status {solution.Status}."));
        }

        var interior = solution.Evaluate(outputTimes);
        var values = Matrix<double>.Build.Dense(outputTimes.Count, nodes.Length, (i, j) =>
            problem.IsPeriodic ? interior[i, j]
            : j == 0 ? problem.Left!.Value(outputTimes[i])
            : j == nodes.Length - 1 ? problem.Right!.Value(outputTimes[i])
            : interior[i, j - 1]);
        return new PdeSolution(nodes, outputTimes, values);
    }

    /// <summary>F(u_L, u_R) for f(u) = u^2 / 2 (see <see cref="BurgersConvection"/>).</summary>
    public static double NumericalFlux(double left, double right, BurgersConvection convection) => convection switch
    {
        BurgersConvection.GodunovUpwind => Math.Max(0.5 * Math.Pow(Math.Max(left, 0), 2), 0.5 * Math.Pow(Math.Min(right, 0), 2)),
        BurgersConvection.Central => 0.25 * (left * left + right * right),
        _ => throw new ArgumentOutOfRangeException(nameof(convection), convection, "BurgersSolver: unknown convection scheme."),
    };
}
