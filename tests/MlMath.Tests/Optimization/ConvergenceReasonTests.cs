using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Optimization;
using static MlMath.Tests.Optimization.MoreGarbowHillstrom;

namespace MlMath.Tests.Optimization;

/// <summary>Every <see cref="ConvergenceReason"/> is produced when, and only when, its situation arises.</summary>
public sealed class ConvergenceReasonTests
{
    public static TheoryData<string> Methods() => new("GD", "CG", "BFGS", "L-BFGS", "Newton-CG");

    private static Minimizer Create(string method, MinimizerOptions options) => method switch
    {
        "GD" => new GradientDescent(new BacktrackingArmijoLineSearch(), options),
        "CG" => new ConjugateGradient(StrongWolfeLineSearch.ForConjugateGradient(), options: options),
        "BFGS" => new Bfgs(new StrongWolfeLineSearch(), options),
        "L-BFGS" => new Lbfgs(new StrongWolfeLineSearch(), options: options),
        "Newton-CG" => new NewtonCg(new BacktrackingArmijoLineSearch(), options: options),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Capped_at_5_iterations_the_reason_is_MaxIterations(string method)
    {
        var result = Create(method, new MinimizerOptions { MaxIterations = 5 }).Minimize(Rosenbrock.Objective, Rosenbrock.Start);

        result.Reason.Should().Be(ConvergenceReason.MaxIterations);
        result.Iterations.Should().Be(5);
        result.Converged.Should().BeFalse();
        result.Value.Should().BeLessThan(24.2); // f(x0) = 24.2: every accepted step decreased f
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Starting_at_the_minimizer_stops_at_once_with_GradientTolerance(string method)
    {
        var result = Create(method, new MinimizerOptions()).Minimize(Rosenbrock.Objective, DenseVector.OfArray([1.0, 1.0]));

        result.Reason.Should().Be(ConvergenceReason.GradientTolerance);
        (result.Iterations, result.FunctionEvaluations, result.Value).Should().Be((0, 1, 0.0));
    }

    [Fact]
    public void Function_tolerance_alone_stops_with_FunctionTolerance()
    {
        var options = new MinimizerOptions { GradientTolerance = 0.0, FunctionTolerance = 1e-10 };
        var result = new Lbfgs(new StrongWolfeLineSearch(), options: options).Minimize(Rosenbrock.Objective, Rosenbrock.Start);

        result.Reason.Should().Be(ConvergenceReason.FunctionTolerance);
        result.Value.Should().BeLessThan(1e-8);
    }

    [Fact]
    public void Step_tolerance_alone_stops_with_StepTolerance()
    {
        var options = new MinimizerOptions { GradientTolerance = 0.0, StepTolerance = 1e-8 };
        var result = new Bfgs(new StrongWolfeLineSearch(), options).Minimize(Rosenbrock.Objective, Rosenbrock.Start);

        result.Reason.Should().Be(ConvergenceReason.StepTolerance);
        (result.X - DenseVector.OfArray([1.0, 1.0])).InfinityNorm().Should().BeLessThan(1e-6);
    }

    [Fact]
    public void A_cancelled_token_stops_before_the_first_step()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var result = new Lbfgs(new StrongWolfeLineSearch()).Minimize(Rosenbrock.Objective, Rosenbrock.Start, cts.Token);

        result.Reason.Should().Be(ConvergenceReason.Cancelled);
        result.Iterations.Should().Be(0);
        result.X.Should().Equal(Rosenbrock.Start);
    }

    [Fact]
    public void Cancelling_from_progress_stops_after_that_iteration_and_progress_sees_every_iterate()
    {
        using var cts = new CancellationTokenSource();
        var seen = new List<MinimizationIteration>();
        var progress = new SynchronousProgress(record =>
        {
            seen.Add(record);
            if (record.Iteration == 3) cts.Cancel();
        });
        var result = new Bfgs(new StrongWolfeLineSearch()).Minimize(Rosenbrock.Objective, Rosenbrock.Start, cts.Token, progress);

        result.Reason.Should().Be(ConvergenceReason.Cancelled);
        result.Iterations.Should().Be(3);
        seen.Select(r => r.Iteration).Should().Equal(0, 1, 2, 3);
        seen[^1].Value.Should().Be(result.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_objective_that_turns_NaN_stops_with_NonFiniteValue_at_the_last_finite_point(bool wolfe)
    {
        // f = x'x at x0 = (1, 1) only; NaN everywhere else.
        var x0 = DenseVector.OfArray([1.0, 1.0]);
        var objective = Objective.FromFunction(x => x.Equals(x0) ? (2.0, 2.0 * x) : (double.NaN, 2.0 * x));
        ILineSearch search = wolfe ? new StrongWolfeLineSearch() : new BacktrackingArmijoLineSearch();
        var result = new Lbfgs(search).Minimize(objective, x0);

        result.Reason.Should().Be(ConvergenceReason.NonFiniteValue);
        result.X.Should().Equal(x0);
        result.Value.Should().Be(2.0);
    }

    [Fact]
    public void A_finite_value_with_an_infinite_gradient_stops_with_NonFiniteValue()
    {
        // f = x^2, but the gradient reported for |x| < 0.3 is infinite; the first accepted step lands there.
        var objective = Objective.FromFunction(x => (x[0] * x[0], DenseVector.OfArray([Math.Abs(x[0]) >= 0.3 ? 2.0 * x[0] : double.PositiveInfinity])));
        var result = new GradientDescent(new BacktrackingArmijoLineSearch()).Minimize(objective, DenseVector.OfArray([0.4]));

        result.Reason.Should().Be(ConvergenceReason.NonFiniteValue);
        result.X[0].Should().Be(0.4);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_wrong_gradient_makes_the_line_search_fail_and_says_so(bool wolfe)
    {
        // f = x'x but the "gradient" has the wrong sign: -g points uphill, so no step decreases f.
        var objective = Objective.FromFunction(x => (x * x, -2.0 * x));
        ILineSearch search = wolfe ? new StrongWolfeLineSearch() : new BacktrackingArmijoLineSearch();
        var result = new GradientDescent(search).Minimize(objective, DenseVector.OfArray([1.0, -2.0]));

        result.Reason.Should().Be(ConvergenceReason.LineSearchFailed);
        result.Iterations.Should().Be(0);
        result.X.Should().Equal(1.0, -2.0);
    }

    [Fact]
    public void History_records_every_iterate_with_decreasing_values()
    {
        var options = new MinimizerOptions { RecordHistory = true, RecordIterates = true };
        var result = new Lbfgs(new StrongWolfeLineSearch(), options: options).Minimize(Rosenbrock.Objective, Rosenbrock.Start);

        result.History.Should().HaveCount(result.Iterations + 1);
        result.History![0].Value.Should().BeApproximately(24.2, 1e-12);
        result.History[0].X.Should().Equal(Rosenbrock.Start);
        result.History.Select(h => h.Value).Should().BeInDescendingOrder();
        result.History[^1].X.Should().Equal(result.X);
        result.History[^1].GradientNorm.Should().Be(result.GradientNorm);
        new Lbfgs(new StrongWolfeLineSearch()).Minimize(Rosenbrock.Objective, Rosenbrock.Start).History.Should().BeNull();
    }

    private sealed class SynchronousProgress(Action<MinimizationIteration> report) : IProgress<MinimizationIteration>
    {
        public void Report(MinimizationIteration value) => report(value);
    }
}
