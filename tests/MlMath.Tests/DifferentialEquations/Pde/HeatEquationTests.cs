using MlMath.DifferentialEquations.Pde;

namespace MlMath.Tests.DifferentialEquations.Pde;

public sealed class HeatEquationTests
{
    /// <summary>u_t = u_xx on [0, 1], u = 0 at both ends, u(x, 0) = sin(pi x) + 0.5 sin(3 pi x).</summary>
    private static HeatEquationProblem TwoModes(int intervals, double finalTime = 0.1) =>
        new(1.0, new UniformGrid(0, 1, intervals), x => Math.Sin(Math.PI * x) + 0.5 * Math.Sin(3 * Math.PI * x),
            BoundaryCondition.Dirichlet(0), BoundaryCondition.Dirichlet(0), finalTime);

    /// <summary>The Fourier-series solution of <see cref="TwoModes"/>: each sine mode decays as exp(-(k pi)^2 t).</summary>
    private static double TwoModesExact(double x, double t) =>
        Math.Exp(-Math.PI * Math.PI * t) * Math.Sin(Math.PI * x) + 0.5 * Math.Exp(-9 * Math.PI * Math.PI * t) * Math.Sin(3 * Math.PI * x);

    private static double MaxError(PdeSolution solution, Func<double, double, double> exact)
    {
        var error = 0.0;
        for (var j = 0; j < solution.Nodes.Count; j++)
        {
            error = Math.Max(error, Math.Abs(solution.FinalValues[j] - exact(solution.Nodes[j], solution.FinalTime)));
        }

        return error;
    }

    [Theory]
    [InlineData(HeatScheme.ExplicitFtcs, 5e-4)]
    [InlineData(HeatScheme.ImplicitEuler, 5e-3)]
    [InlineData(HeatScheme.CrankNicolson, 2e-4)]
    public void Every_scheme_matches_the_Fourier_series_solution(HeatScheme scheme, double tolerance)
    {
        // dx = 1/50, 250 steps: dt = 4e-4, r = 1.0 is too large for FTCS, so FTCS gets 2000 steps (r = 0.125).
        var steps = scheme == HeatScheme.ExplicitFtcs ? 2000 : 250;
        var solution = HeatEquationSolver.Solve(TwoModes(50), scheme, steps);
        MaxError(solution, TwoModesExact).Should().BeLessThan(tolerance);
    }

    [Fact]
    public void A_discontinuous_start_matches_its_Fourier_series_and_Rannacher_steps_remove_Crank_Nicolsons_ringing()
    {
        // u(x, 0) = 1 with u = 0 at the ends: u = sum over odd k of 4 / (k pi) exp(-(k pi)^2 t) sin(k pi x).
        static double Exact(double x, double t)
        {
            var sum = 0.0;
            for (var k = 1; k < 400; k += 2) sum += 4 / (k * Math.PI) * Math.Exp(-k * k * Math.PI * Math.PI * t) * Math.Sin(k * Math.PI * x);
            return sum;
        }

        var problem = new HeatEquationProblem(1.0, new UniformGrid(0, 1, 100), _ => 1.0,
            BoundaryCondition.Dirichlet(0), BoundaryCondition.Dirichlet(0), 0.01);
        // dt = 1e-3 is 10 times the FTCS limit: the sawtooth mode has G = (1 - 2r) / (1 + 2r) = -0.9 under Crank-Nicolson.
        var plain = MaxError(HeatEquationSolver.Solve(problem, HeatScheme.CrankNicolson, 10), Exact);
        var rannacher = MaxError(HeatEquationSolver.Solve(problem, HeatScheme.CrankNicolson, 10, new HeatSolverOptions { RannacherSteps = 2 }), Exact);
        rannacher.Should().BeLessThan(2e-3);
        plain.Should().BeGreaterThan(20 * rannacher, "undamped high-frequency error from the jump survives Crank-Nicolson");
    }

    [Fact]
    public void Crank_Nicolson_converges_at_second_order_in_space()
    {
        // dt so small that the time error (~ dt^2) is negligible: e(dx) ~ C dx^2.
        double Error(int n) => MaxError(HeatEquationSolver.Solve(TwoModes(n), HeatScheme.CrankNicolson, 2000), TwoModesExact);
        var (e10, e20, e40) = (Error(10), Error(20), Error(40));
        Math.Log2(e10 / e20).Should().BeApproximately(2, 0.05);
        Math.Log2(e20 / e40).Should().BeApproximately(2, 0.05);
    }

    [Fact]
    public void Crank_Nicolson_converges_at_second_order_in_time_and_implicit_Euler_at_first()
    {
        // Fixed grid: the space error is common to all runs, so the time order shows in differences of successive
        // refinements, log2(|u_dt - u_dt/2| / |u_dt/2 - u_dt/4|) -> p.
        static double Order(HeatScheme scheme)
        {
            var u = new[] { 10, 20, 40 }.Select(n => HeatEquationSolver.Solve(TwoModes(40), scheme, n).FinalValues).ToArray();
            return Math.Log2((u[0] - u[1]).InfinityNorm() / (u[1] - u[2]).InfinityNorm());
        }

        Order(HeatScheme.CrankNicolson).Should().BeApproximately(2, 0.1);
        Order(HeatScheme.ImplicitEuler).Should().BeApproximately(1, 0.15);
    }

    [Fact]
    public void Ftcs_blows_up_above_the_stability_limit_and_not_below()
    {
        var problem = TwoModes(50, finalTime: 0.2);
        var limitSteps = (int)Math.Ceiling(problem.FinalTime / problem.ExplicitStabilityLimit); // 1000: r = 0.5
        var stable = HeatEquationSolver.Solve(problem, HeatScheme.ExplicitFtcs, limitSteps);
        MaxError(stable, TwoModesExact).Should().BeLessThan(1e-3);

        // r = 0.5 * 1000 / 800 = 0.625: round-off in the sawtooth mode grows by |1 - 4r| = 1.5 per step.
        var unstable = HeatEquationSolver.Solve(problem, HeatScheme.ExplicitFtcs, 800, new HeatSolverOptions { AllowUnstable = true });
        var peak = unstable.FinalValues.Enumerate().Max(v => double.IsFinite(v) ? Math.Abs(v) : double.PositiveInfinity);
        peak.Should().BeGreaterThan(1e6, "the unstable mode grows like 1.5^n");
    }

    [Fact]
    public void Ftcs_beyond_the_limit_is_an_error_that_explains_the_limit()
    {
        var problem = TwoModes(50);
        var act = () => HeatEquationSolver.Solve(problem, HeatScheme.ExplicitFtcs, 100);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*r = alpha dt / dx^2 = 2.5 exceeds 1/2*dt <= dx^2 / (2 alpha) = 0.0002*");
    }

    [Fact]
    public void Neumann_boundaries_are_exact_for_a_quadratic_solution_and_second_order_for_a_cosine()
    {
        // u = x^2 + 2t solves u_t = u_xx with u_x(0) = 0, u_x(1) = 2; the ghost-node stencil and Crank-Nicolson are exact for it.
        var quadratic = new HeatEquationProblem(1.0, new UniformGrid(0, 1, 20), x => x * x,
            BoundaryCondition.Neumann(0), BoundaryCondition.Neumann(2), 0.5);
        MaxError(HeatEquationSolver.Solve(quadratic, HeatScheme.CrankNicolson, 10), (x, t) => x * x + 2 * t).Should().BeLessThan(1e-12);

        // Insulated ends: u = exp(-pi^2 t) cos(pi x).
        double Error(int n) => MaxError(HeatEquationSolver.Solve(
            new HeatEquationProblem(1.0, new UniformGrid(0, 1, n), x => Math.Cos(Math.PI * x), BoundaryCondition.Neumann(0), BoundaryCondition.Neumann(0), 0.1),
            HeatScheme.CrankNicolson, 2000), (x, t) => Math.Exp(-Math.PI * Math.PI * t) * Math.Cos(Math.PI * x));
        Math.Log2(Error(20) / Error(40)).Should().BeApproximately(2, 0.05);
    }

    [Fact]
    public void Dirichlet_values_that_depend_on_time_are_imposed()
    {
        // u = x^2 + 2t solves u_t = u_xx with u(0, t) = 2t and u(1, t) = 1 + 2t; both implicit schemes are exact for it.
        var problem = new HeatEquationProblem(1.0, new UniformGrid(0, 1, 10), x => x * x,
            BoundaryCondition.Dirichlet(t => 2 * t), BoundaryCondition.Dirichlet(t => 1 + 2 * t), 0.3);
        foreach (var scheme in new[] { HeatScheme.ImplicitEuler, HeatScheme.CrankNicolson })
        {
            MaxError(HeatEquationSolver.Solve(problem, scheme, 7), (x, t) => x * x + 2 * t).Should().BeLessThan(1e-12, scheme.ToString());
        }
    }

    [Fact]
    public void Saved_times_follow_save_every_and_end_at_the_final_time()
    {
        var solution = HeatEquationSolver.Solve(TwoModes(10), HeatScheme.CrankNicolson, 10, new HeatSolverOptions { SaveEvery = 4 });
        solution.Times.Should().Equal([0.0, 0.04, 0.08, 0.1], (a, b) => Math.Abs(a - b) < 1e-15);
        solution.Values.RowCount.Should().Be(4);
        solution.Nodes.Count.Should().Be(11);
    }
}
