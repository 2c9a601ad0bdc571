using MathNet.Numerics.LinearAlgebra;
using MlMath.DifferentialEquations;
using Xunit.Abstractions;

namespace MlMath.Tests.DifferentialEquations;

public sealed class AdaptiveSolverTests(ITestOutputHelper output)
{
    private static readonly Lazy<Vector<double>> LotkaVolterraReference = new(() =>
        new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(TestProblems.LotkaVolterra(),
            new OdeSolverOptions { RelativeTolerance = 1e-13, AbsoluteTolerance = 1e-13 }).FinalState);

    [Theory]
    [InlineData("Dormand-Prince 5(4)")]
    [InlineData("Tsitouras 5(4)")]
    [InlineData("Bogacki-Shampine 3(2)")]
    public void The_global_error_on_lotka_volterra_shrinks_with_the_tolerance(string name)
    {
        // Reference: DP5 at rtol = atol = 1e-13 (checked against Tsit5 at the same setting below).
        var solver = new ExplicitRungeKutta(ButcherTableau.All.Single(t => t.Name == name));
        var errors = new List<double>();
        foreach (var tol in new[] { 1e-4, 1e-6, 1e-8 })
        {
            var solution = solver.Solve(TestProblems.LotkaVolterra(), new OdeSolverOptions { RelativeTolerance = tol, AbsoluteTolerance = tol });
            solution.Status.Should().Be(OdeStatus.Success);
            var error = (solution.FinalState - LotkaVolterraReference.Value).InfinityNorm();
            output.WriteLine($"{name} tol {tol:E0}: error {error:E2}, evaluations {solution.Statistics.FunctionEvaluations}, accepted {solution.Statistics.AcceptedSteps}, rejected {solution.Statistics.RejectedSteps}");
            error.Should().BeLessThan(300 * tol, "the error is of the order of the tolerance");
            errors.Add(error);
        }

        // Tolerance proportionality: 100x tighter tolerance gives 10x to 1000x smaller error.
        for (var i = 1; i < errors.Count; i++) (errors[i - 1] / errors[i]).Should().BeInRange(10, 1000);
    }

    [Fact]
    public void The_reference_solution_agrees_between_two_independent_pairs()
    {
        var tsit = new ExplicitRungeKutta(ButcherTableau.Tsitouras54).Solve(TestProblems.LotkaVolterra(),
            new OdeSolverOptions { RelativeTolerance = 1e-13, AbsoluteTolerance = 1e-13 }).FinalState;
        (tsit - LotkaVolterraReference.Value).InfinityNorm().Should().BeLessThan(1e-10);
    }

    [Theory]
    [InlineData("Dormand-Prince 5(4)")]
    [InlineData("Tsitouras 5(4)")]
    [InlineData("Bogacki-Shampine 3(2)")]
    [InlineData("Heun")]
    public void Statistics_are_consistent_with_stages_times_steps(string name)
    {
        // FSAL pairs: 1 (f0) + 1 (initial step) + (s - 1) per attempted step. Heun (not FSAL): 1 + 1 + (s - 1) per
        // attempt + 1 per accepted step except the last (the next step's k1).
        var tableau = ButcherTableau.All.Single(t => t.Name == name);
        var s = new ExplicitRungeKutta(tableau).Solve(TestProblems.LotkaVolterra(), new OdeSolverOptions { RelativeTolerance = 1e-5 }).Statistics;
        var attempts = s.AcceptedSteps + s.RejectedSteps;
        var expected = tableau.IsFsal ? 2 + (tableau.Stages - 1) * attempts : 2 + (tableau.Stages - 1) * attempts + s.AcceptedSteps - 1;
        s.FunctionEvaluations.Should().Be(expected);
        s.RejectedSteps.Should().BeGreaterThan(0, "Lotka-Volterra at this tolerance rejects a few steps");
        s.JacobianEvaluations.Should().Be(0);
    }

    [Theory]
    [InlineData("Dormand-Prince 5(4)", 5)]
    [InlineData("Tsitouras 5(4)", 5)]
    [InlineData("Bogacki-Shampine 3(2)", 3)]
    [InlineData("RK4", 4)]
    public void Dense_output_between_steps_converges_at_the_interpolation_order(string name, int expected)
    {
        // Fixed steps on y' = y cos t; the error at theta = 0.3, 0.6 inside each step is
        // O(h^(q+1)) locally (q the interpolant's order) on top of the O(h^p) global error: min(p, q + 1) observed.
        var solver = new ExplicitRungeKutta(ButcherTableau.All.Single(t => t.Name == name));
        double MaxError(int n)
        {
            var solution = solver.Solve(TestProblems.ExpSin(4), new OdeSolverOptions { FixedStep = 4.0 / n });
            var max = 0.0;
            for (var i = 0; i < n; i++)
            {
                foreach (var theta in new[] { 0.3, 0.6 })
                {
                    var t = (i + theta) * 4.0 / n;
                    max = Math.Max(max, Math.Abs(solution.Evaluate(t)[0] - TestProblems.ExpSinExact(t)));
                }
            }

            return max;
        }

        var (e1, e2) = (MaxError(40), MaxError(80));
        output.WriteLine($"{name}: dense error {e1:E2} -> {e2:E2}, observed order {Math.Log2(e1 / e2):F2}");
        Math.Log2(e1 / e2).Should().BeApproximately(expected, 0.35);
    }

    [Fact]
    public void Dense_output_reproduces_the_steps_and_rejects_times_outside()
    {
        var solution = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(TestProblems.LotkaVolterra());
        for (var i = 0; i < solution.Times.Count; i += 7)
        {
            (solution.Evaluate(solution.Times[i]) - solution.States[i]).InfinityNorm().Should().BeLessThan(1e-12);
        }

        var act = () => solution.Evaluate(10.5);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*outside*");
    }

    [Fact]
    public void Bad_input_fails_fast_with_clear_messages()
    {
        var y0 = Vector<double>.Build.Dense([1.0]);
        var zeroSpan = () => new OdeProblem((t, y, dy) => dy[0] = 1, y0, 1, 1);
        zeroSpan.Should().Throw<ArgumentException>().WithMessage("*zero length*");
        var nan = new OdeProblem((t, y, dy) => dy[0] = double.NaN, y0, 0, 1);
        var solveNan = () => new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(nan);
        solveNan.Should().Throw<ArgumentException>().WithMessage("*NaN at index 0*");
        var wrongLength = OdeProblem.FromVectorFunction((t, y) => Vector<double>.Build.Dense(3), y0, 0, 1);
        var solveWrong = () => new ExplicitRungeKutta(ButcherTableau.RungeKutta4).Solve(wrongLength, new OdeSolverOptions { FixedStep = 0.1 });
        solveWrong.Should().Throw<ArgumentException>().WithMessage("*length 3*length 1*");
        var badTol = () => new OdeSolverOptions { RelativeTolerance = 0 };
        badTol.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*RelativeTolerance*");
        var negativeStep = () => new OdeSolverOptions { FixedStep = -0.1 };
        negativeStep.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*FixedStep*");
        var noEmbedded = () => new ExplicitRungeKutta(ButcherTableau.RungeKutta4).Solve(TestProblems.LotkaVolterra());
        noEmbedded.Should().Throw<ArgumentException>().WithMessage("*FixedStep*");
    }

    [Fact]
    public void A_blow_up_is_reported_as_step_size_underflow_not_an_endless_loop()
    {
        // y' = y^2, y(0) = 1 has y = 1/(1 - t): it blows up at t = 1.
        var problem = new OdeProblem((t, y, dy) => dy[0] = y[0] * y[0], Vector<double>.Build.Dense([1.0]), 0, 2);
        var solution = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(problem);
        solution.Status.Should().Be(OdeStatus.StepSizeTooSmall);
        solution.FinalTime.Should().BeApproximately(1.0, 1e-3);
        var capped = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(TestProblems.LotkaVolterra(), new OdeSolverOptions { MaxSteps = 5 });
        capped.Status.Should().Be(OdeStatus.MaxStepsExceeded);
        capped.Statistics.AcceptedSteps.Should().BeLessThanOrEqualTo(5);
    }

    [Fact]
    public void Not_storing_steps_keeps_only_the_final_state()
    {
        var full = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(TestProblems.LotkaVolterra());
        var lean = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(TestProblems.LotkaVolterra(), new OdeSolverOptions { StoreSteps = false });
        lean.Times.Should().Equal(0.0, 10.0);
        lean.FinalState.Should().Equal(full.FinalState);
        lean.HasDenseOutput.Should().BeFalse();
    }
}
