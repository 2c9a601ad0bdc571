using MlMath.DifferentialEquations;
using MlMath.DifferentialEquations.Pde;

namespace MlMath.Tests.DifferentialEquations.Pde;

public sealed class BurgersTests
{
    private static BurgersProblem Sine(double nu, double finalTime) =>
        BurgersProblem.Dirichlet(nu, -1, 1, x => -Math.Sin(Math.PI * x), finalTime, BoundaryCondition.Dirichlet(0), BoundaryCondition.Dirichlet(0));

    private static double MaxErrorVsColeHopf(PdeSolution solution, double nu)
    {
        var error = 0.0;
        for (var j = 0; j < solution.Nodes.Count; j++)
        {
            var exact = BurgersExactSolution.SineInitialCondition(solution.Nodes[j], solution.FinalTime, nu);
            error = Math.Max(error, Math.Abs(solution.FinalValues[j] - exact));
        }

        return error;
    }

    [Theory]
    [InlineData(BurgersConvection.Central)]
    [InlineData(BurgersConvection.GodunovUpwind)]
    public void With_periodic_boundaries_the_integral_of_u_is_conserved(BurgersConvection convection)
    {
        // A travelling, steepening wave on [0, 1): the fluxes telescope, so dx sum u_i is constant to rounding.
        var problem = BurgersProblem.Periodic(0.01, 0, 1, x => 0.3 + Math.Sin(2 * Math.PI * x), 0.4);
        var solution = BurgersSolver.Solve(problem, 128, [0.0, 0.2, 0.4], convection);
        var mass = Enumerable.Range(0, 3).Select(i => solution.Values.Row(i).Sum() / 128).ToArray();
        mass[0].Should().BeApproximately(0.3, 1e-12);
        mass[1].Should().BeApproximately(mass[0], 1e-12);
        mass[2].Should().BeApproximately(mass[0], 1e-12);
        // ... while the solution itself has changed a lot (the front steepened and moved).
        (solution.Values.Row(2) - solution.Values.Row(0)).InfinityNorm().Should().BeGreaterThan(0.5);
    }

    [Fact]
    public void The_method_of_lines_agrees_with_the_Cole_Hopf_solution_at_second_order_with_the_central_flux()
    {
        const double nu = 0.05;
        double Error(int n, BurgersConvection c) => MaxErrorVsColeHopf(BurgersSolver.Solve(Sine(nu, 0.5), n, [0.5], c), nu);
        var (e100, e200) = (Error(100, BurgersConvection.Central), Error(200, BurgersConvection.Central));
        e200.Should().BeLessThan(2e-3);
        Math.Log2(e100 / e200).Should().BeApproximately(2, 0.3);
        // Godunov's upwind flux is first order: its error halves with dx.
        var (u100, u200) = (Error(100, BurgersConvection.GodunovUpwind), Error(200, BurgersConvection.GodunovUpwind));
        Math.Log2(u100 / u200).Should().BeApproximately(1, 0.3);
    }

    [Fact]
    public void A_stiff_solver_gives_the_same_solution()
    {
        const double nu = 0.05;
        var explicitRk = BurgersSolver.Solve(Sine(nu, 0.3), 80, [0.3]);
        var rosenbrock = BurgersSolver.Solve(Sine(nu, 0.3), 80, [0.3], solver: new Rosenbrock23(),
            options: new OdeSolverOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10 });
        (explicitRk.FinalValues - rosenbrock.FinalValues).InfinityNorm().Should().BeLessThan(1e-5);
    }

    [Fact]
    public void The_Cole_Hopf_solution_starts_at_the_initial_condition_keeps_its_symmetry_and_solves_the_equation()
    {
        const double nu = 0.01 / Math.PI;
        BurgersExactSolution.SineInitialCondition(0.3, 1e-9, nu).Should().BeApproximately(-Math.Sin(0.3 * Math.PI), 1e-6);
        BurgersExactSolution.SineInitialCondition(0.0, 0.7, nu).Should().BeApproximately(0, 1e-12);
        BurgersExactSolution.SineInitialCondition(-0.4, 0.7, nu).Should().BeApproximately(-BurgersExactSolution.SineInitialCondition(0.4, 0.7, nu), 1e-12);
        // Residual u_t + u u_x - nu u_xx by central differences at a smooth point.
        double U(double x, double t) => BurgersExactSolution.SineInitialCondition(x, t, 0.05);
        var (x0, t0, h) = (0.4, 0.3, 1e-3);
        var ut = (U(x0, t0 + h) - U(x0, t0 - h)) / (2 * h);
        var ux = (U(x0 + h, t0) - U(x0 - h, t0)) / (2 * h);
        var uxx = (U(x0 + h, t0) - 2 * U(x0, t0) + U(x0 - h, t0)) / (h * h);
        (ut + U(x0, t0) * ux - 0.05 * uxx).Should().BeApproximately(0, 1e-5);
    }

    [Fact]
    public void Bad_input_fails_clearly()
    {
        FluentActions.Invoking(() => BurgersProblem.Dirichlet(0.1, 0, 1, x => x, 1, BoundaryCondition.Neumann(0), BoundaryCondition.Dirichlet(0)))
            .Should().Throw<ArgumentException>().WithMessage("*only Dirichlet*");
        FluentActions.Invoking(() => BurgersSolver.Solve(Sine(0.1, 1), 50, [2.0])).Should().Throw<ArgumentException>().WithMessage("*[0, 1]*");
    }
}
