using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.DifferentialEquations;
using MlMath.NeuralNetworks;
using Xunit.Abstractions;

namespace MlMath.Tests.DifferentialEquations;

public sealed class DifferentiableSolverTests(ITestOutputHelper output)
{
    private static Variable LotkaVolterra(Variable y)
    {
        var (x, p) = (y.SliceColumns(0, 1), y.SliceColumns(1, 1));
        var xp = x.PointwiseMultiply(p);
        return Variable.ConcatColumns(x * 1.5 - xp, xp - p * 3.0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.01)]
    public void The_variable_path_computes_what_the_vector_path_computes(double? fixedStep)
    {
        var options = new OdeSolverOptions { FixedStep = fixedStep, RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-8 };
        var solver = new ExplicitRungeKutta(ButcherTableau.DormandPrince54);
        var vector = solver.Solve(TestProblems.LotkaVolterra(), options);
        var variable = solver.Solve((_, y) => LotkaVolterra(y), Variable.Constant(DenseMatrix.OfArray(new[,] { { 1.0, 1.0 } })), [0.0, 10.0], options);
        variable.Status.Should().Be(OdeStatus.Success);
        variable.States[^1].Value[0, 0].Should().BeApproximately(vector.FinalState[0], 1e-12);
        variable.States[^1].Value[0, 1].Should().BeApproximately(vector.FinalState[1], 1e-12);
        variable.Statistics.AcceptedSteps.Should().Be(vector.Statistics.AcceptedSteps);
        variable.Statistics.FunctionEvaluations.Should().Be(vector.Statistics.FunctionEvaluations);
    }

    [Theory]
    [InlineData("RK4")]
    [InlineData("Dormand-Prince 5(4)")]
    public void The_variable_path_evaluates_f_as_often_as_the_vector_path_and_not_after_the_last_step(string name)
    {
        // Non-FSAL RK4 takes 4 evaluations per step, FSAL Dormand-Prince 1 + 6 per step; no f(y_N) at the end.
        var tableau = ButcherTableau.All.Single(t => t.Name == name);
        var solver = new ExplicitRungeKutta(tableau);
        var options = new OdeSolverOptions { FixedStep = 0.01 };
        var vector = solver.Solve(TestProblems.LotkaVolterra(1), options);
        var variable = solver.Solve((_, y) => LotkaVolterra(y), Variable.Constant(DenseMatrix.OfArray(new[,] { { 1.0, 1.0 } })), [0.0, 0.25, 1.0], options);
        variable.Statistics.AcceptedSteps.Should().Be(100);
        variable.Statistics.FunctionEvaluations.Should().Be(vector.Statistics.FunctionEvaluations);
        variable.Statistics.FunctionEvaluations.Should().Be(tableau.IsFsal ? 1 + 6 * 100 : 4 * 100);
    }

    [Fact]
    public void Output_times_are_hit_exactly_and_match_dense_output()
    {
        var solver = new ExplicitRungeKutta(ButcherTableau.Tsitouras54);
        var options = new OdeSolverOptions { RelativeTolerance = 1e-9, AbsoluteTolerance = 1e-9 };
        var dense = solver.Solve(TestProblems.LotkaVolterra(), options);
        double[] times = [0, 1.3, 2.7, 5, 10];
        var variable = solver.Solve((_, y) => LotkaVolterra(y), Variable.Constant(DenseMatrix.OfArray(new[,] { { 1.0, 1.0 } })), times, options);
        for (var i = 0; i < times.Length; i++)
        {
            var expected = dense.Evaluate(times[i]);
            variable.States[i].Value[0, 0].Should().BeApproximately(expected[0], 1e-6);
            variable.States[i].Value[0, 1].Should().BeApproximately(expected[1], 1e-6);
        }
    }

    [Fact]
    public void Backpropagation_through_the_solver_gives_the_exact_sensitivity_of_a_linear_ode()
    {
        // y' = A y with A = [[0, 1], [-1, 0]] (a rotation): y(T) = exp(A T) y0, so for L = c . y(T),
        // dL/dy0 = exp(A^T T) c = rotation by -T applied to c.
        var a = Variable.Constant(DenseMatrix.OfArray(new[,] { { 0.0, -1.0 }, { 1.0, 0.0 } })); // row state: y' = y A^T
        var y0 = new Variable(DenseMatrix.OfArray(new[,] { { 0.3, -0.8 } }), requiresGrad: true);
        const double T = 2.0;
        var solution = new ExplicitRungeKutta(ButcherTableau.DormandPrince54)
            .Solve((_, y) => y * a, y0, [0.0, T], new OdeSolverOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-12 });
        var c = DenseMatrix.OfArray(new[,] { { 1.0, 2.0 } });
        var loss = solution.States[^1].PointwiseMultiply(Variable.Constant(c)).Sum();
        var grad = Gradients.Of(loss, y0).Value;
        // exp(A^T T) c with A^T the rotation generator [[0, -1], [1, 0]]: (c1 cos T - c2 sin T, c1 sin T + c2 cos T).
        grad[0, 0].Should().BeApproximately(Math.Cos(T) - 2 * Math.Sin(T), 1e-9);
        grad[0, 1].Should().BeApproximately(Math.Sin(T) + 2 * Math.Cos(T), 1e-9);
    }

    [Fact]
    public void Backpropagation_through_fixed_rk4_steps_passes_a_gradient_check()
    {
        var solver = new ExplicitRungeKutta(ButcherTableau.RungeKutta4);
        var result = AutodiffGradientCheck.Compare(y0 =>
            solver.Solve((_, y) => LotkaVolterra(y), y0, [0.0, 0.5, 1.0], new OdeSolverOptions { FixedStep = 0.05 }).States[^1].Square().Sum(),
            DenseMatrix.OfArray(new[,] { { 1.0, 0.7 }, { 0.5, 1.2 } }));
        result.Passed(1e-7).Should().BeTrue(result.ToString());
    }

    [Fact]
    public void Neural_ode_adjoint_gradients_equal_backpropagation_and_finite_differences()
    {
        var dynamics = Mlp.Create([2, 8, 2], ActivationKind.Tanh, new Random(3));
        var model = new NeuralOde(dynamics, ButcherTableau.DormandPrince54, new OdeSolverOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-10 });
        var y0Value = DenseMatrix.OfArray(new[,] { { 0.5, -0.3 }, { -1.0, 0.8 }, { 0.2, 0.1 } });
        var weights = DenseMatrix.Build.Random(9, 2, new MathNet.Numerics.Distributions.Normal(0, 1, new Random(4)));
        double[] times = [0.0, 0.4, 1.0, 1.5];

        (Matrix<double> Y0, IReadOnlyList<Matrix<double>> Parameters) Gradient(OdeGradientMethod method)
        {
            model.GradientMethod = method;
            model.ZeroGrad();
            var y0 = new Variable(y0Value.Clone(), requiresGrad: true);
            var loss = Loss(model.Trajectory(y0, times));
            loss.Backward();
            return (y0.Grad!, model.Parameters().Select(p => p.Grad!).ToList());
        }

        Variable Loss(IReadOnlyList<Variable> states)
        {
            // L = sum_i sum(W_i .* y(t_i)) over the later output times, with fixed random W.
            Variable? loss = null;
            for (var i = 1; i < states.Count; i++)
            {
                var term = states[i].PointwiseMultiply(Variable.Constant(weights.SubMatrix(3 * (i - 1), 3, 0, 2))).Sum();
                loss = loss is null ? term : loss + term;
            }

            return loss!;
        }

        var backprop = Gradient(OdeGradientMethod.Backpropagation);
        var adjoint = Gradient(OdeGradientMethod.Adjoint);
        output.WriteLine($"forward {model.LastForwardStatistics}, adjoint {model.LastAdjointStatistics}");
        RelativeError(adjoint.Y0, backprop.Y0).Should().BeLessThan(1e-5);
        for (var p = 0; p < backprop.Parameters.Count; p++) RelativeError(adjoint.Parameters[p], backprop.Parameters[p]).Should().BeLessThan(1e-5);

        // Central differences on y0 and on every parameter entry.
        double LossValue()
        {
            using var _ = GradMode.NoGrad();
            return Loss(model.Trajectory(Variable.Constant(y0Value), times)).Item;
        }

        const double h = 1e-5;
        var numericY0 = DenseMatrix.Create(3, 2, 0.0);
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                var keep = y0Value[i, j];
                y0Value[i, j] = keep + h; var plus = LossValue();
                y0Value[i, j] = keep - h; var minus = LossValue();
                y0Value[i, j] = keep;
                numericY0[i, j] = (plus - minus) / (2 * h);
            }
        }

        RelativeError(adjoint.Y0, numericY0).Should().BeLessThan(1e-5);
        var parameters = model.Parameters();
        for (var p = 0; p < parameters.Count; p++)
        {
            var value = parameters[p].Value;
            var numeric = DenseMatrix.Create(value.RowCount, value.ColumnCount, 0.0);
            for (var i = 0; i < value.RowCount; i++)
            {
                for (var j = 0; j < value.ColumnCount; j++)
                {
                    var keep = value[i, j];
                    value[i, j] = keep + h; var plus = LossValue();
                    value[i, j] = keep - h; var minus = LossValue();
                    value[i, j] = keep;
                    numeric[i, j] = (plus - minus) / (2 * h);
                }
            }

            output.WriteLine($"parameter {p}: adjoint vs FD {RelativeError(adjoint.Parameters[p], numeric):E2}, backprop vs FD {RelativeError(backprop.Parameters[p], numeric):E2}");
            RelativeError(adjoint.Parameters[p], numeric).Should().BeLessThan(1e-5);
        }
    }

    [Fact]
    public void Neural_ode_forward_is_the_solution_at_time_end_and_no_grad_skips_the_adjoint()
    {
        var dynamics = Mlp.Create([2, 4, 2], ActivationKind.Tanh, new Random(5));
        var model = new NeuralOde(dynamics, gradientMethod: OdeGradientMethod.Adjoint, timeEnd: 0.7);
        var y0 = Variable.Constant(DenseMatrix.OfArray(new[,] { { 0.1, 0.2 } }));
        var forward = model.Forward(y0).Value;
        var direct = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve((_, y) => dynamics.Forward(y), y0, [0.0, 0.7]).States[^1].Value;
        (forward - direct).InfinityNorm().Should().BeLessThan(1e-14);
        using var _ = GradMode.NoGrad();
        model.Forward(y0).RequiresGrad.Should().BeFalse();
    }

    [Fact]
    public void The_adjoint_graph_does_not_grow_with_the_number_of_steps_while_backpropagation_does()
    {
        // Memory of the gradient computation ~ the recorded graph: the adjoint records one node per call (its
        // values at the output times), backpropagation every stage of every step.
        var model = new NeuralOde(Mlp.Create([2, 4, 2], ActivationKind.Tanh, new Random(6)), ButcherTableau.RungeKutta4);
        var y0 = new Variable(DenseMatrix.OfArray(new[,] { { 0.3, 0.4 } }), requiresGrad: true);
        int Nodes(OdeGradientMethod method, double step)
        {
            model.GradientMethod = method;
            model.Options = new OdeSolverOptions { FixedStep = step };
            var output = model.Forward(y0);
            var seen = new HashSet<Variable>(ReferenceEqualityComparer.Instance);
            var stack = new Stack<Variable>([output]);
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                if (!seen.Add(v)) continue;
                foreach (var parent in v.Parents) stack.Push(parent);
            }

            return seen.Count;
        }

        var (adjointCoarse, adjointFine) = (Nodes(OdeGradientMethod.Adjoint, 0.1), Nodes(OdeGradientMethod.Adjoint, 0.01));
        var (backpropCoarse, backpropFine) = (Nodes(OdeGradientMethod.Backpropagation, 0.1), Nodes(OdeGradientMethod.Backpropagation, 0.01));
        output.WriteLine($"graph nodes: adjoint {adjointCoarse} -> {adjointFine}, backpropagation {backpropCoarse} -> {backpropFine} for 10 -> 100 steps");
        adjointFine.Should().Be(adjointCoarse);
        backpropFine.Should().BeGreaterThan(8 * backpropCoarse);
    }

    private static double RelativeError(Matrix<double> a, Matrix<double> b) =>
        (a - b).InfinityNorm() / Math.Max(1e-12, Math.Max(a.InfinityNorm(), b.InfinityNorm()));
}
