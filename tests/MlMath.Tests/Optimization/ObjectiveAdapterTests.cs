using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using static MlMath.Tests.Optimization.MoreGarbowHillstrom;

namespace MlMath.Tests.Optimization;

/// <summary>Objectives from autodiff functions and modules; agreement of different minimizers on one problem.</summary>
public sealed class ObjectiveAdapterTests
{
    /// <summary>Rosenbrock as an autodiff function of a 2x1 column: a = e1'x, b = e2'x, f = 100 (b - a^2)^2 + (1 - a)^2.</summary>
    private static Variable RosenbrockVariable(Variable x)
    {
        var a = Variable.Constant(DenseMatrix.OfArray(new double[,] { { 1.0, 0.0 } })) * x;
        var b = Variable.Constant(DenseMatrix.OfArray(new double[,] { { 0.0, 1.0 } })) * x;
        return 100.0 * (b - a.Square()).Square() + (1.0 - a).Square();
    }

    [Fact]
    public void From_variable_gives_the_closed_form_gradient_and_Hessian_vector_product()
    {
        var objective = Objective.FromVariable(RosenbrockVariable);
        var (a, b) = (-1.2, 1.0);
        var gradient = new DenseVector(2);
        objective.Evaluate(DenseVector.OfArray([a, b]), gradient).Should().BeApproximately(24.2, 1e-12);
        gradient[0].Should().BeApproximately(-400.0 * a * (b - a * a) - 2.0 * (1.0 - a), 1e-10);
        gradient[1].Should().BeApproximately(200.0 * (b - a * a), 1e-10);

        // H = [[1200 a^2 - 400 b + 2, -400 a], [-400 a, 200]].
        var hessian = DenseMatrix.OfArray(new[,] { { 1200.0 * a * a - 400.0 * b + 2.0, -400.0 * a }, { -400.0 * a, 200.0 } });
        var v = DenseVector.OfArray([0.3, -0.7]);
        var hv = new DenseVector(2);
        ((IHessianVectorProduct)objective).HessianVectorProduct(DenseVector.OfArray([a, b]), v, hv);
        (hv - hessian * v).InfinityNorm().Should().BeLessThan(1e-9);
    }

    [Fact]
    public void Newton_cg_uses_exact_products_when_the_objective_has_them_and_differences_of_gradients_otherwise()
    {
        var exact = new NewtonCg(new BacktrackingArmijoLineSearch()).Minimize(Objective.FromVariable(RosenbrockVariable), Rosenbrock.Start);
        var differenced = new NewtonCg(new BacktrackingArmijoLineSearch()).Minimize(Rosenbrock.Objective, Rosenbrock.Start);

        exact.Reason.Should().Be(ConvergenceReason.GradientTolerance);
        exact.X.Should().BeEquivalentTo(new[] { 1.0, 1.0 }, o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6)).WhenTypeIs<double>());
        exact.HessianVectorProducts.Should().BeGreaterThan(0);
        exact.GradientEvaluations.Should().Be(exact.FunctionEvaluations);

        differenced.Reason.Should().Be(ConvergenceReason.GradientTolerance);
        differenced.HessianVectorProducts.Should().Be(0);
        differenced.GradientEvaluations.Should().BeGreaterThan(differenced.FunctionEvaluations);
    }

    /// <summary>
    /// L2-regularised logistic regression on seeded data: f(w) = (1/N) sum_i [log(1 + exp(z_i)) - y_i z_i] + (lambda/2) ||w||^2,
    /// z = X w, with gradient (1/N) X'(sigmoid(z) - y) + lambda w. Strictly convex, so the minimizer is unique.
    /// </summary>
    private static (IDifferentiableObjective Closed, IDifferentiableObjective Autodiff, int Dimension) LogisticRegression()
    {
        const int samples = 200, features = 4;
        const double lambda = 1e-2;
        var rng = new Random(20240601);
        var x = DenseMatrix.Create(samples, features, (_, j) => j == features - 1 ? 1.0 : 2.0 * rng.NextDouble() - 1.0); // last column: bias
        var trueW = DenseVector.OfArray([2.0, -1.0, 0.5, 0.25]);
        var y = DenseVector.Create(samples, i => rng.NextDouble() < 1.0 / (1.0 + Math.Exp(-(x.Row(i) * trueW))) ? 1.0 : 0.0);
        var closed = Objective.FromFunction(w =>
        {
            var z = x * w;
            var value = z.Select((zi, i) => Math.Log(1.0 + Math.Exp(zi)) - y[i] * zi).Sum() / samples + 0.5 * lambda * (w * w);
            var residual = z.Map(zi => 1.0 / (1.0 + Math.Exp(-zi))) - y;
            return (value, x.TransposeThisAndMultiply(residual) / samples + lambda * w);
        });
        var xc = Variable.Constant(x);
        var yc = Variable.Constant(DenseMatrix.OfColumnMajor(samples, 1, y.ToArray()));
        var autodiff = Objective.FromVariable(w =>
        {
            var z = xc * w;
            return ((z.Exp() + 1.0).Log() - z.PointwiseMultiply(yc)).Sum() / samples + 0.5 * lambda * w.Square().Sum();
        });
        return (closed, autodiff, features);
    }

    [Fact]
    public void Newton_cg_and_lbfgs_agree_on_logistic_regression()
    {
        var (closed, autodiff, n) = LogisticRegression();
        var options = new MinimizerOptions { GradientTolerance = 1e-10 };
        var x0 = new DenseVector(n);
        var lbfgs = new Lbfgs(new StrongWolfeLineSearch(), options: options).Minimize(closed, x0);
        var newton = new NewtonCg(new BacktrackingArmijoLineSearch(), options: options).Minimize(closed, x0);
        var newtonExact = new NewtonCg(new StrongWolfeLineSearch(), options: options).Minimize(autodiff, x0);

        foreach (var result in new[] { lbfgs, newton, newtonExact }) result.Reason.Should().Be(ConvergenceReason.GradientTolerance);
        (lbfgs.X - newton.X).InfinityNorm().Should().BeLessThan(1e-8);
        (lbfgs.X - newtonExact.X).InfinityNorm().Should().BeLessThan(1e-8);
        lbfgs.Value.Should().BeApproximately(newton.Value, 1e-14);
        newton.Iterations.Should().BeLessThan(lbfgs.Iterations); // Newton's quadratic convergence on a smooth convex problem
    }

    [Fact]
    public void Lbfgs_trains_a_linear_regression_module_full_batch_to_the_exact_solution()
    {
        var rng = new Random(7);
        var x = DenseMatrix.Create(40, 3, (_, _) => 2.0 * rng.NextDouble() - 1.0);
        var trueW = DenseMatrix.OfArray(new[,] { { 1.5 }, { -2.0 }, { 0.5 } });
        const double trueB = 0.3;
        var y = (x * trueW).Add(trueB);
        var model = new Linear(3, 1, new Random(3));
        var (input, target) = (Variable.Constant(x), Variable.Constant(y));

        var result = new Lbfgs(new StrongWolfeLineSearch(), options: new MinimizerOptions { GradientTolerance = 1e-10 })
            .Minimize(model, () => Losses.MeanSquaredError(model.Forward(input), target));

        result.Reason.Should().Be(ConvergenceReason.GradientTolerance);
        result.Value.Should().BeLessThan(1e-18);
        (model.Weight.Value - trueW).InfinityNorm().Should().BeLessThan(1e-8);
        model.Bias!.Value[0, 0].Should().BeApproximately(trueB, 1e-8);
    }

    [Fact]
    public void Lbfgs_fits_a_tiny_tanh_network_to_a_teacher_network_of_the_same_shape()
    {
        // The teacher's outputs are exactly representable, so the global minimum of the loss is 0.
        var teacher = new Sequential(new Linear(2, 4, new Random(11)), new Activation(ActivationKind.Tanh), new Linear(4, 1, new Random(12)));
        var student = new Sequential(new Linear(2, 4, new Random(21)), new Activation(ActivationKind.Tanh), new Linear(4, 1, new Random(22)));
        var rng = new Random(5);
        var input = Variable.Constant(DenseMatrix.Create(64, 2, (_, _) => 2.0 * rng.NextDouble() - 1.0));
        Matrix<double> targets;
        using (GradMode.NoGrad()) targets = teacher.Forward(input).Value;
        var target = Variable.Constant(targets);
        var initial = Losses.MeanSquaredError(student.Forward(input), target).Item;

        var result = new Lbfgs(new StrongWolfeLineSearch(), options: new MinimizerOptions { MaxIterations = 2000 })
            .Minimize(student, () => Losses.MeanSquaredError(student.Forward(input), target));

        result.Value.Should().BeLessThan(1e-3 * initial);
        Losses.MeanSquaredError(student.Forward(input), target).Item.Should().Be(result.Value); // the module holds the result
    }
}
