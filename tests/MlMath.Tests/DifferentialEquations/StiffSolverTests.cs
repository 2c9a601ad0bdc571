using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.DifferentialEquations;
using Xunit.Abstractions;

namespace MlMath.Tests.DifferentialEquations;

public sealed class StiffSolverTests(ITestOutputHelper output)
{
    [Fact]
    public void Van_der_pol_mu_1000_takes_a_few_thousand_steps_where_dopri5_needs_over_100_times_more()
    {
        var problem = TestProblems.VanDerPol(1000, 3000);
        var options = new OdeSolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-6 };
        var stiff = new Rosenbrock23().Solve(problem, options);
        output.WriteLine($"Rosenbrock23: {stiff.Statistics}, y(3000) = {stiff.FinalState}");
        stiff.Status.Should().Be(OdeStatus.Success);
        var steps = stiff.Statistics.AcceptedSteps + stiff.Statistics.RejectedSteps;
        steps.Should().BeLessThan(5000);
        stiff.Statistics.LuDecompositions.Should().Be(steps, "one factorisation of W per attempted step");
        stiff.Statistics.JacobianEvaluations.Should().BeLessThanOrEqualTo(stiff.Statistics.AcceptedSteps + 1);

        // The explicit pair's step is bounded by stability (|h lambda| <= ~3.3 with lambda ~ -2000 on the slow
        // branches): with 100x the stiff solver's budget it does not reach t = 3000.
        var budget = 100 * steps;
        var explicitSolution = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(problem, options with { MaxSteps = budget, StoreSteps = false });
        output.WriteLine($"DOPRI5 with {budget} steps: status {explicitSolution.Status}, reached t = {explicitSolution.FinalTime:F1}, {explicitSolution.Statistics}");
        explicitSolution.Status.Should().Be(OdeStatus.MaxStepsExceeded);
        explicitSolution.FinalTime.Should().BeLessThan(3000);
    }

    [Fact]
    public void Van_der_pol_mu_1000_agrees_with_itself_at_a_tighter_tolerance_and_stays_on_the_limit_cycle()
    {
        var problem = TestProblems.VanDerPol(1000, 3000);
        var loose = new Rosenbrock23().Solve(problem, new OdeSolverOptions { RelativeTolerance = 1e-5, AbsoluteTolerance = 1e-5 });
        var tight = new Rosenbrock23().Solve(problem, new OdeSolverOptions { RelativeTolerance = 1e-7, AbsoluteTolerance = 1e-7 });
        output.WriteLine($"loose {loose.FinalState} ({loose.Statistics.AcceptedSteps} steps), tight {tight.FinalState} ({tight.Statistics.AcceptedSteps} steps)");
        // y1 stays in the relaxation oscillation's range |y1| <= ~2.02 and the two runs agree on y1(3000).
        loose.Times.Select((t, i) => Math.Abs(loose.States[i][0])).Max().Should().BeLessThan(2.1);
        loose.FinalState[0].Should().BeApproximately(tight.FinalState[0], 1e-2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Robertson_at_t_40_matches_the_published_values(bool analyticJacobian)
    {
        // Reference: y(40) = (7.158271e-01, 9.185535e-06, 2.841637e-01), the output of SUNDIALS' CVODE example
        // cvRoberts_dns (also Hindmarsh's LSODE demo problem), computed there with rtol 1e-4, atol (1e-8, 1e-14, 1e-6)
        // and agreeing with tighter runs to the digits shown.
        var solution = new Rosenbrock23().Solve(TestProblems.Robertson(40, analyticJacobian), new OdeSolverOptions { RelativeTolerance = 1e-7, AbsoluteTolerance = 1e-12 });
        output.WriteLine($"{solution.FinalState}, {solution.Statistics}");
        solution.Status.Should().Be(OdeStatus.Success);
        solution.FinalState[0].Should().BeApproximately(7.158271e-01, 2e-6);
        solution.FinalState[1].Should().BeApproximately(9.185535e-06, 2e-11);
        solution.FinalState[2].Should().BeApproximately(2.841637e-01, 2e-6);
        solution.FinalState.Sum().Should().BeApproximately(1.0, 1e-12, "the method conserves the linear invariant y1 + y2 + y3");
    }

    [Fact]
    public void The_autodiff_jacobian_equals_the_analytic_one()
    {
        var problem = OdeProblem.FromVariableFunction((t, y) =>
        {
            var y1 = y.SliceColumns(0, 1);
            var y2 = y.SliceColumns(1, 1);
            return Variable.ConcatColumns(y2, (1 - y1.Square()).PointwiseMultiply(y2) * 1000.0 - y1);
        }, Vector<double>.Build.Dense([2.0, 0.0]), 0, 3000);
        var j = Matrix<double>.Build.Dense(2, 2);
        var jExact = Matrix<double>.Build.Dense(2, 2);
        double[] y = [1.3, -0.7];
        problem.Jacobian!(0, y, j);
        TestProblems.VanDerPol(1000, 1).Jacobian!(0, y, jExact);
        (j - jExact).InfinityNorm().Should().BeLessThan(1e-9);
        var dy = new double[2];
        problem.Function(0, y, dy);
        dy[1].Should().BeApproximately(1000 * (1 - 1.3 * 1.3) * -0.7 - 1.3, 1e-9);
        var solved = new Rosenbrock23().Solve(problem, new OdeSolverOptions { RelativeTolerance = 1e-4, AbsoluteTolerance = 1e-4 });
        solved.Status.Should().Be(OdeStatus.Success);
    }

    [Fact]
    public void One_huge_step_on_a_very_stiff_linear_problem_is_damped_to_zero_l_stability()
    {
        // y' = -1e8 (y - cos t): R(z) -> 0 as z -> -infinity, so the solution snaps to the slow manifold y = cos t.
        var problem = new OdeProblem((t, y, dy) => dy[0] = -1e8 * (y[0] - Math.Cos(t)), Vector<double>.Build.Dense([5.0]), 0, 2);
        var solution = new Rosenbrock23().Solve(problem, new OdeSolverOptions { RelativeTolerance = 1e-4, AbsoluteTolerance = 1e-6 });
        solution.Status.Should().Be(OdeStatus.Success);
        solution.FinalState[0].Should().BeApproximately(Math.Cos(2), 1e-6);
        solution.Statistics.AcceptedSteps.Should().BeLessThan(200);
    }

    [Fact]
    public void The_dense_output_is_second_order_accurate_inside_steps()
    {
        var solution = new Rosenbrock23().Solve(TestProblems.ExpSin(3), new OdeSolverOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10 });
        for (var t = 0.05; t < 3; t += 0.1) solution.Evaluate(t)[0].Should().BeApproximately(TestProblems.ExpSinExact(t), 1e-5);
    }
}
