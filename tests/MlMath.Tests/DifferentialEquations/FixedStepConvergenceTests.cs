using MlMath.DifferentialEquations;

namespace MlMath.Tests.DifferentialEquations;

public sealed class FixedStepConvergenceTests
{
    [Theory]
    [InlineData("Euler", 1, 40, 2.0)]
    [InlineData("Heun", 2, 40, 2.0)]
    [InlineData("Midpoint", 2, 40, 2.0)]
    [InlineData("RK4", 4, 10, 2.0)]
    [InlineData("Bogacki-Shampine 3(2)", 3, 10, 2.0)]
    [InlineData("Dormand-Prince 5(4)", 5, 10, 2.0)]
    [InlineData("Tsitouras 5(4)", 5, 40, 10.0)]
    public void The_observed_order_on_exp_sin_matches_the_theoretical_order(string name, int order, int steps, double t1)
    {
        // y' = y cos t on [0, t1]: global error e(h) ~ C h^p, so log2(e(h) / e(h/2)) -> p. Tsitouras' pair has
        // tiny leading error coefficients (that is its design), so it reaches the asymptotic regime later: a longer span.
        var solver = new ExplicitRungeKutta(ButcherTableau.All.Single(t => t.Name == name));
        double Error(int n)
        {
            var solution = solver.Solve(TestProblems.ExpSin(t1), new OdeSolverOptions { FixedStep = t1 / n });
            return Math.Abs(solution.FinalState[0] - TestProblems.ExpSinExact(t1));
        }

        var observed = Math.Log2(Error(2 * steps) / Error(4 * steps));
        observed.Should().BeApproximately(order, 0.25, $"{name}: e(h) = {Error(2 * steps):E2}, e(h/2) = {Error(4 * steps):E2}");
    }

    [Theory]
    [InlineData("RK4", 4)]
    [InlineData("Euler", 1)]
    [InlineData("Dormand-Prince 5(4)", 6)]
    public void Fixed_step_evaluations_are_stages_times_steps_with_fsal_reuse(string name, int evaluationsPerStep)
    {
        var tableau = ButcherTableau.All.Single(t => t.Name == name);
        var solution = new ExplicitRungeKutta(tableau).Solve(TestProblems.LotkaVolterra(1), new OdeSolverOptions { FixedStep = 0.01 });
        solution.Statistics.AcceptedSteps.Should().Be(100);
        solution.Statistics.RejectedSteps.Should().Be(0);
        var expected = tableau.IsFsal ? 1 + evaluationsPerStep * 100 : evaluationsPerStep * 100;
        solution.Statistics.FunctionEvaluations.Should().Be(expected);
        solution.Times.Should().HaveCount(101);
        solution.FinalTime.Should().Be(1.0);
    }

    [Fact]
    public void The_public_step_allocates_nothing_and_equals_the_solver()
    {
        var solver = new ExplicitRungeKutta(ButcherTableau.RungeKutta4);
        var problem = TestProblems.LotkaVolterra(0.1);
        var workspace = new RungeKuttaWorkspace(ButcherTableau.RungeKutta4, 2);
        double[] y = [1.0, 1.0], yNew = new double[2];
        solver.Step(problem.Function, 0, y, 0.1, yNew, workspace);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) solver.Step(problem.Function, 0, y, 0.1, yNew, workspace);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        var solved = solver.Solve(problem, new OdeSolverOptions { FixedStep = 0.1 }).FinalState;
        yNew[0].Should().Be(solved[0]);
        yNew[1].Should().Be(solved[1]);
    }

    [Fact]
    public void Integrating_backwards_in_time_returns_to_the_start()
    {
        var forward = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(TestProblems.ExpSin(2), new OdeSolverOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12 });
        var back = new OdeProblem((t, y, dy) => dy[0] = y[0] * Math.Cos(t), forward.FinalState, 2, 0);
        var solution = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(back, new OdeSolverOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12 });
        solution.FinalTime.Should().Be(0);
        solution.FinalState[0].Should().BeApproximately(1.0, 1e-8);
        solution.Evaluate(1.0)[0].Should().BeApproximately(TestProblems.ExpSinExact(1.0), 1e-8);
    }
}
