using MathNet.Numerics.LinearAlgebra;
using static System.FormattableString;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// Finite differences for the 1-D heat equation u_t = alpha u_xx: the centred second difference in space,
/// (L u)_i = alpha (u_{i-1} - 2 u_i + u_{i+1}) / dx^2 (truncation error alpha dx^2 u_xxxx / 12), and a theta method in
/// time (<see cref="HeatScheme"/>): FTCS, implicit Euler or Crank-Nicolson. Neumann ends use a ghost node
/// (<see cref="BoundaryCondition"/>); implicit steps solve a tridiagonal system by <see cref="ThomasAlgorithm"/>.
/// </summary>
/// <remarks>
/// Lax equivalence (Lax &amp; Richtmyer 1956; LeVeque 2007, section 9.5): a consistent linear scheme converges iff it is
/// stable. All three schemes are consistent; FTCS is stable only when r = alpha dt / dx^2 &lt;= 1/2, which
/// <see cref="Solve"/> checks. Crank-Nicolson's global error is O(dt^2 + dx^2), implicit Euler's O(dt + dx^2).
/// </remarks>
public static class HeatEquationSolver
{
    /// <summary>Solves <paramref name="problem"/> with <paramref name="timeSteps"/> equal steps dt = T / timeSteps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">timeSteps &lt; 1; or FTCS with r = alpha dt / dx^2 &gt; 1/2 and
    /// <see cref="HeatSolverOptions.AllowUnstable"/> false (the message gives the largest stable dt).</exception>
    public static PdeSolution Solve(HeatEquationProblem problem, HeatScheme scheme, int timeSteps, HeatSolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new HeatSolverOptions();
        if (timeSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSteps), timeSteps, "HeatEquationSolver.Solve: at least one time step is needed.");
        }

        var grid = problem.Grid;
        var dt = problem.FinalTime / timeSteps;
        var ratio = problem.Diffusivity * dt / (grid.Spacing * grid.Spacing);
        if (scheme == HeatScheme.ExplicitFtcs && ratio > 0.5 && !options.AllowUnstable)
        {
            var limit = problem.ExplicitStabilityLimit;
            var growth = Math.Abs(1 - 4 * ratio);
            var minimumSteps = Math.Ceiling(problem.FinalTime / limit);
            var message = Invariant($"HeatEquationSolver: FTCS is unstable here. The mesh ratio r = alpha dt / dx^2 = {ratio:G4} exceeds 1/2, ")
                + Invariant($"so the sawtooth mode (-1)^i is amplified by |1 - 4 r| = {growth:G4} > 1 per step and round-off grows without bound (von Neumann analysis). ")
                + Invariant($"Use dt <= dx^2 / (2 alpha) = {limit:G6} (at least {minimumSteps:F0} steps), an implicit scheme (ImplicitEuler, CrankNicolson), ")
                + "or set HeatSolverOptions.AllowUnstable to watch it blow up.";
            throw new ArgumentOutOfRangeException(nameof(timeSteps), timeSteps, message);
        }

        var u = new double[grid.PointCount];
        for (var j = 0; j < u.Length; j++) u[j] = problem.InitialCondition(grid.X(j));
        ApplyDirichlet(problem, u, 0.0);
        var stepper = new ThetaMethod(Operator(problem), u.Length);
        var theta = scheme switch
        {
            HeatScheme.ExplicitFtcs => 0.0,
            HeatScheme.ImplicitEuler => 1.0,
            HeatScheme.CrankNicolson => 0.5,
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "HeatEquationSolver.Solve: unknown scheme."),
        };

        var (times, rows) = (new List<double> { 0.0 }, new List<double[]> { (double[])u.Clone() });
        for (var n = 0; n < timeSteps; n++)
        {
            var t = n * dt;
            if (scheme == HeatScheme.CrankNicolson && n < options.RannacherSteps)
            {
                stepper.Step(u, t, dt / 2, 1.0);
                stepper.Step(u, t + dt / 2, dt / 2, 1.0);
            }
            else
            {
                stepper.Step(u, t, dt, theta);
            }

            if ((n + 1) % options.SaveEvery == 0 || n + 1 == timeSteps)
            {
                times.Add(n + 1 == timeSteps ? problem.FinalTime : (n + 1) * dt);
                rows.Add((double[])u.Clone());
            }
        }

        var values = Matrix<double>.Build.Dense(rows.Count, u.Length, (i, j) => rows[i][j]);
        return new PdeSolution(grid.Points(), times, values);
    }

    /// <summary>The semi-discrete operator alpha D2 with the boundary rows of the problem.</summary>
    private static ThreePointOperator Operator(HeatEquationProblem problem)
    {
        var dx = problem.Grid.Spacing;
        var k = problem.Diffusivity / (dx * dx);
        return new ThreePointOperator(k, -2 * k, k, End(problem.Left, -1), End(problem.Right, +1));

        ThreePointOperator.EndRow End(BoundaryCondition condition, int side)
        {
            if (condition.Kind == BoundaryKind.Dirichlet) return new(true, 0, 0, condition.Value);

            // Ghost node u_{-1} = u_1 - 2 dx g (left) or u_{N+1} = u_{N-1} + 2 dx g (right):
            // alpha (2 u_neighbour - 2 u_end -/+ 2 dx g) / dx^2.
            var g = condition.Value;
            var alpha = problem.Diffusivity;
            return new(false, -2 * k, 2 * k, t => side * 2 * alpha * g(t) / dx);
        }
    }

    private static void ApplyDirichlet(HeatEquationProblem problem, double[] u, double t)
    {
        if (problem.Left.Kind == BoundaryKind.Dirichlet) u[0] = problem.Left.Value(t);
        if (problem.Right.Kind == BoundaryKind.Dirichlet) u[^1] = problem.Right.Value(t);
    }
}
