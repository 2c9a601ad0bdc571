using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Optimization;
using static MlMath.Tests.Optimization.MoreGarbowHillstrom;

namespace MlMath.Tests.Optimization;

/// <summary>The line searches: acceptance conditions checked independently of the search's own bookkeeping.</summary>
public sealed class LineSearchTests
{
    /// <summary>
    /// Wraps a line search and, for every step it accepts, re-evaluates f and grad f at x + alpha p itself and
    /// records whether both strong Wolfe conditions hold there.
    /// </summary>
    private sealed class WolfeSpy(StrongWolfeLineSearch inner, IDifferentiableObjective objective) : ILineSearch
    {
        public int Accepted { get; private set; }

        public List<string> Violations { get; } = [];

        public LineSearchResult Search(LineSearchFunction phi, double value0, double derivative0, double initialStep)
        {
            var result = inner.Search(phi, value0, derivative0, initialStep);
            if (!result.Success) return result;
            Accepted++;
            var x = phi.Origin + result.Step * phi.Direction;
            var g = Vector<double>.Build.Dense(x.Count);
            var value = objective.Evaluate(x, g);
            var derivative = g * phi.Direction;
            if (!(value <= value0 + inner.C1 * result.Step * derivative0)) Violations.Add($"sufficient decrease: {value} > {value0} + c1 {result.Step} {derivative0}");
            if (!(Math.Abs(derivative) <= inner.C2 * Math.Abs(derivative0))) Violations.Add($"curvature: |{derivative}| > c2 |{derivative0}|");
            if (value != result.Value) Violations.Add($"reported value {result.Value} differs from f(x + alpha p) = {value}");
            return result;
        }
    }

    [Fact]
    public void Every_step_accepted_by_the_strong_Wolfe_search_satisfies_both_Wolfe_conditions()
    {
        var accepted = 0;
        foreach (var problem in Small.Append(ExtendedRosenbrockProblem(100)))
        {
            foreach (var c2 in new[] { 0.9, 0.1 })
            {
                var spy = new WolfeSpy(new StrongWolfeLineSearch(c2: c2), problem.Objective);
                new Lbfgs(spy).Minimize(problem.Objective, problem.Start);
                new Bfgs(spy).Minimize(problem.Objective, problem.Start);
                new ConjugateGradient(spy, ConjugateGradientFormula.FletcherReeves).Minimize(problem.Objective, problem.Start);
                new ConjugateGradient(spy).Minimize(problem.Objective, problem.Start);
                new NewtonCg(spy).Minimize(problem.Objective, problem.Start);
                spy.Violations.Should().BeEmpty(problem.Name);
                accepted += spy.Accepted;
            }
        }

        accepted.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Strong_Wolfe_zoom_finds_the_exact_minimizer_of_a_quadratic_by_cubic_interpolation()
    {
        // f(x) = x^2 from x = 1 along p = -2: phi(alpha) = (1 - 2 alpha)^2, minimized at alpha = 1/2. The trial
        // alpha = 1 fails sufficient decrease (phi(1) = phi(0)); the cubic through phi, phi' at 0 and 1 is exact.
        var phi = new LineSearchFunction(Objective.FromFunction(x => (x * x, 2.0 * x)), DenseVector.OfArray([1.0]), DenseVector.OfArray([-2.0]));
        var result = new StrongWolfeLineSearch().Search(phi, 1.0, -4.0, 1.0);

        result.Status.Should().Be(LineSearchStatus.Converged);
        result.Step.Should().BeApproximately(0.5, 1e-12);
        result.Evaluations.Should().Be(2);
        phi.Evaluations.Should().Be(2);
    }

    [Fact]
    public void Strong_Wolfe_extrapolates_when_the_first_step_is_too_short()
    {
        // Same phi from alpha_0 = 0.01: phi' is still steep there, so the search must grow the step.
        var phi = new LineSearchFunction(Objective.FromFunction(x => (x * x, 2.0 * x)), DenseVector.OfArray([1.0]), DenseVector.OfArray([-2.0]));
        var result = new StrongWolfeLineSearch(c2: 0.1).Search(phi, 1.0, -4.0, 0.01);

        result.Success.Should().BeTrue();
        Math.Abs(result.Derivative).Should().BeLessThanOrEqualTo(0.1 * 4.0);
        result.Step.Should().BeGreaterThan(0.01);
    }

    [Fact]
    public void Backtracking_halves_until_sufficient_decrease()
    {
        var phi = new LineSearchFunction(Objective.FromFunction(x => (x * x, 2.0 * x)), DenseVector.OfArray([1.0]), DenseVector.OfArray([-2.0]));
        var result = new BacktrackingArmijoLineSearch().Search(phi, 1.0, -4.0, 1.0);

        // alpha = 1: phi = 1 > 1 - 4e-4 (rejected); alpha = 0.5: phi = 0 (accepted).
        (result.Status, result.Step, result.Value, result.Evaluations).Should().Be((LineSearchStatus.Converged, 0.5, 0.0, 2));
    }

    [Fact]
    public void Backtracking_counts_infinite_trial_values_as_too_long_steps()
    {
        // f(x) = -x for x < 1, +infinity beyond; from x = 0 along p = 1 starting at alpha = 4: 4, 2, 1 are infinite.
        var objective = Objective.FromFunction(x => (x[0] < 1.0 ? -x[0] : double.PositiveInfinity, DenseVector.OfArray([-1.0])));
        var phi = new LineSearchFunction(objective, DenseVector.OfArray([0.0]), DenseVector.OfArray([1.0]));
        var result = new BacktrackingArmijoLineSearch().Search(phi, 0.0, -1.0, 4.0);

        (result.Status, result.Step, result.Evaluations).Should().Be((LineSearchStatus.Converged, 0.5, 4));
    }

    [Fact]
    public void Strong_Wolfe_backs_off_from_infinite_values_by_bisection()
    {
        // f(x) = (x - 0.9)^2 for x < 1, +infinity beyond, from x = 0 along p = 1 with alpha_0 = 8.
        var objective = Objective.FromFunction(x => (x[0] < 1.0 ? (x[0] - 0.9) * (x[0] - 0.9) : double.PositiveInfinity, DenseVector.OfArray([2.0 * (x[0] - 0.9)])));
        var phi = new LineSearchFunction(objective, DenseVector.OfArray([0.0]), DenseVector.OfArray([1.0]));
        var result = new StrongWolfeLineSearch().Search(phi, 0.81, -1.8, 8.0);

        result.Success.Should().BeTrue();
        double.IsFinite(result.Value).Should().BeTrue();
        result.Step.Should().BeLessThan(1.0);
    }

    [Fact]
    public void Both_searches_refuse_an_ascent_direction()
    {
        var phi = new LineSearchFunction(Objective.FromFunction(x => (x * x, 2.0 * x)), DenseVector.OfArray([1.0]), DenseVector.OfArray([2.0]));
        new StrongWolfeLineSearch().Search(phi, 1.0, 4.0, 1.0).Status.Should().Be(LineSearchStatus.NotDescentDirection);
        new BacktrackingArmijoLineSearch().Search(phi, 1.0, 4.0, 1.0).Status.Should().Be(LineSearchStatus.NotDescentDirection);
        phi.Evaluations.Should().Be(0);
    }

    [Theory]
    [InlineData(0.5, 0.4)]
    [InlineData(0.0, 0.9)]
    [InlineData(1e-4, 1.0)]
    [InlineData(-0.1, 0.5)]
    public void Strong_Wolfe_rejects_constants_outside_0_c1_c2_1_naming_them(double c1, double c2)
    {
        var act = () => new StrongWolfeLineSearch(c1, c2);
        var message = act.Should().Throw<ArgumentOutOfRangeException>().Which.Message;
        message.Should().Contain("0 < c1 < c2 < 1").And.Contain($"c1 = {c1.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}")
            .And.Contain($"c2 = {c2.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
    }

    [Fact]
    public void Backtracking_rejects_bad_constants_naming_them()
    {
        FluentActions.Invoking(() => new BacktrackingArmijoLineSearch(c1: 1.5)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*c1 must satisfy 0 < c1 < 1, but is 1.5*");
        FluentActions.Invoking(() => new BacktrackingArmijoLineSearch(shrinkFactor: 1.0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*shrinkFactor must satisfy 0 < shrinkFactor < 1, but is 1*");
    }
}
