using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Exercises.Tests;

/// <summary>Checks for exercises 2.1 to 2.3 against independent formulas and against the library's optimizers.</summary>
public sealed class OptimizationExercisesTests
{
    private static readonly double[] Curvatures = [1.0, 10.0, 100.0];

    /// <summary>The gradient of f(theta) = 1/2 sum_i c_i theta_i^2.</summary>
    private static double[] QuadraticGradient(double[] theta) => theta.Select((t, i) => Curvatures[i] * t).ToArray();

    [Fact]
    public void Exercise_2_1_first_step_is_a_plain_gradient_step_then_momentum_accumulates()
    {
        double[] theta = [1.0, -2.0];
        double[] velocity = [0.0, 0.0];
        OptimizationExercises.HeavyBallStep(theta, velocity, [0.5, 1.0], learningRate: 0.1, momentum: 0.9);
        velocity.Should().Equal(0.5, 1.0);
        theta[0].Should().BeApproximately(0.95, 1e-15);
        theta[1].Should().BeApproximately(-2.1, 1e-15);

        OptimizationExercises.HeavyBallStep(theta, velocity, [0.5, 1.0], learningRate: 0.1, momentum: 0.9);
        velocity[0].Should().BeApproximately(0.95, 1e-15); // 0.9 * 0.5 + 0.5
        theta[0].Should().BeApproximately(0.855, 1e-15);
    }

    [Fact]
    public void Exercise_2_1_matches_the_library_sgd_with_momentum()
    {
        double[] start = [1.0, -0.5, 0.2];
        var theta = (double[])start.Clone();
        var velocity = new double[3];
        var parameter = new Parameter(DenseMatrix.OfColumnMajor(3, 1, start));
        var sgd = new Sgd([parameter], learningRate: 0.01, momentum: 0.9);
        var curvatures = Variable.Constant(DenseMatrix.OfColumnMajor(3, 1, Curvatures));
        for (var step = 0; step < 20; step++)
        {
            OptimizationExercises.HeavyBallStep(theta, velocity, QuadraticGradient(theta), 0.01, 0.9);
            sgd.ZeroGrad();
            (0.5 * parameter.Square().PointwiseMultiply(curvatures).Sum()).Backward();
            sgd.Step();
        }

        for (var i = 0; i < 3; i++) theta[i].Should().BeApproximately(parameter.Value[i, 0], 1e-14);
    }

    [Fact]
    public void Exercise_2_1_equals_polyaks_form()
    {
        // theta_{k+1} = theta_k - lr g_k + mu (theta_k - theta_{k-1}), with theta_{-1} = theta_0.
        const double lr = 0.015;
        const double mu = 0.8;
        double[] previous = [2.0, 1.0, -1.0];
        var current = (double[])previous.Clone();
        var theta = (double[])previous.Clone();
        var velocity = new double[3];
        for (var step = 0; step < 30; step++)
        {
            var g = QuadraticGradient(current);
            var next = current.Select((t, i) => t - lr * g[i] + mu * (t - previous[i])).ToArray();
            (previous, current) = (current, next);
            OptimizationExercises.HeavyBallStep(theta, velocity, QuadraticGradient(theta), lr, mu);
        }

        for (var i = 0; i < 3; i++) theta[i].Should().BeApproximately(current[i], 1e-12);
    }

    [Fact]
    public void Exercise_2_2_returns_the_first_step_with_sufficient_decrease()
    {
        // phi(alpha) = (alpha - 0.1)^2: phi(0) = 0.01, phi'(0) = -0.2. Trials 1, 0.5, 0.25, 0.125: the first that decreases
        // enough is 0.125 (phi = 0.000625); 0.25 gives 0.0225 > 0.01.
        var step = OptimizationExercises.ArmijoBacktracking(a => (a - 0.1) * (a - 0.1), 0.01, -0.2, 1.0);
        step.Should().Be(0.125);
    }

    [Theory]
    [InlineData(1e-4, 0.5)]
    [InlineData(0.3, 0.7)]
    [InlineData(0.9, 0.1)]
    public void Exercise_2_2_matches_the_library_line_search_on_an_ill_conditioned_quadratic(double c1, double shrink)
    {
        // f(x) = 1/2 sum_i c_i x_i^2 from x = (1, 1, 1) along p = -grad f: the unit step overshoots the stiff coordinate.
        var objective = Objective.FromFunction(x =>
        {
            var g = x.MapIndexed((i, v) => Curvatures[i] * v);
            return (0.5 * x.DotProduct(g), g);
        });
        var x0 = DenseVector.OfArray([1.0, 1.0, 1.0]);
        var g0 = new DenseVector(3);
        var f0 = objective.Evaluate(x0, g0);
        var p = -g0;
        var slope = g0.DotProduct(p);
        var library = new BacktrackingArmijoLineSearch(c1, shrink).Search(new LineSearchFunction(objective, x0, p), f0, slope, 1.0);
        library.Success.Should().BeTrue();

        double Phi(double alpha) => objective.Evaluate(x0 + alpha * p, new DenseVector(3));
        var yours = OptimizationExercises.ArmijoBacktracking(Phi, f0, slope, 1.0, c1, shrink);
        yours.Should().Be(library.Step);
        Phi(yours).Should().BeLessThanOrEqualTo(f0 + c1 * yours * slope);
        Phi(yours / shrink).Should().BeGreaterThan(f0 + c1 * yours / shrink * slope, "the previous, longer trial was rejected");
    }

    [Fact]
    public void Exercise_2_2_treats_nan_as_too_long_a_step()
    {
        // phi is undefined (NaN) beyond 0.3, as log(1 - ...) would be; "while (phi(a) > bound)" would accept alpha = 1.
        double Phi(double a) => a > 0.3 ? double.NaN : (a - 0.2) * (a - 0.2);
        OptimizationExercises.ArmijoBacktracking(Phi, 0.04, -0.4, 1.0).Should().Be(0.25);
    }

    [Fact]
    public void Exercise_2_2_gives_up_after_the_budget()
    {
        // A wrong derivative (phi increases, but phi'(0) is claimed negative): no step is ever accepted.
        var act = () => OptimizationExercises.ArmijoBacktracking(a => 1.0 + a, 1.0, -1.0, 1.0, maxEvaluations: 10);
        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Exercise_2_3_with_no_pairs_is_the_identity()
    {
        double[] g = [1.0, -2.0, 3.0];
        OptimizationExercises.TwoLoopRecursion([], [], g).Should().Equal(g);
    }

    [Fact]
    public void Exercise_2_3_equals_the_explicit_bfgs_inverse_hessian()
    {
        var (s, y) = RandomPairs(n: 6, m: 4, new Random(7));
        var g = DenseVector.OfArray([0.3, -1.0, 2.0, 0.5, -0.7, 1.1]);
        var h = ExplicitInverseHessian(s, y);
        var expected = h * g;
        var yours = DenseVector.OfArray(OptimizationExercises.TwoLoopRecursion(s, y, g.ToArray()));
        (yours - expected).L2Norm().Should().BeLessThan(1e-12 * expected.L2Norm());
        g.ToArray().Should().Equal([0.3, -1.0, 2.0, 0.5, -0.7, 1.1], "the input must not be modified");
    }

    [Fact]
    public void Exercise_2_3_satisfies_the_secant_equation_for_the_newest_pair()
    {
        // BFGS builds H so that H y = s for the last pair it used.
        var (s, y) = RandomPairs(n: 5, m: 3, new Random(11));
        var hy = OptimizationExercises.TwoLoopRecursion(s, y, y[^1]);
        for (var i = 0; i < 5; i++) hy[i].Should().BeApproximately(s[^1][i], 1e-12);
    }

    [Fact]
    public void Exercise_2_3_gives_the_directions_of_the_library_lbfgs()
    {
        // On f(x) = 1/2 x'Ax - b'x, the library's L-BFGS (memory 3) steps along -H_k g_k built from its last three pairs:
        // each accepted step x_{k+1} - x_k must be a positive multiple of your -H g.
        var a = SymmetricPositiveDefinite(6, new Random(3));
        var b = DenseVector.OfArray([1.0, -2.0, 0.5, 3.0, -1.0, 2.0]);
        var objective = Objective.FromFunction(x => (0.5 * x.DotProduct(a * x) - b.DotProduct(x), a * x - b));
        var options = new MinimizerOptions { GradientTolerance = 1e-14, MaxIterations = 8, RecordHistory = true, RecordIterates = true };
        var result = new Lbfgs(new StrongWolfeLineSearch(), memory: 3, options: options).Minimize(objective, new DenseVector(6));
        var xs = result.History!.Select(h => h.X!).ToList();
        xs.Count.Should().BeGreaterThan(5);
        var gs = xs.Select(x => a * x - b).ToList();
        for (var k = 0; k + 1 < xs.Count; k++)
        {
            var first = Math.Max(0, k - 3);
            var s = Enumerable.Range(first, k - first).Select(i => (xs[i + 1] - xs[i]).ToArray()).ToList();
            var y = Enumerable.Range(first, k - first).Select(i => (gs[i + 1] - gs[i]).ToArray()).ToList();
            var direction = -DenseVector.OfArray(OptimizationExercises.TwoLoopRecursion(s, y, gs[k].ToArray()));
            var step = xs[k + 1] - xs[k];
            var alpha = step.DotProduct(direction) / direction.DotProduct(direction);
            alpha.Should().BePositive();
            (step - alpha * direction).L2Norm().Should().BeLessThan(1e-8 * step.L2Norm(), $"step {k} is along -H g");
        }
    }

    /// <summary>H_0 = gamma I, then H &lt;- (I - rho s y') H (I - rho y s') + rho s s' for each pair, oldest first.</summary>
    private static Matrix<double> ExplicitInverseHessian(IReadOnlyList<double[]> s, IReadOnlyList<double[]> y)
    {
        var n = s[0].Length;
        var (sNew, yNew) = (DenseVector.OfArray(s[^1]), DenseVector.OfArray(y[^1]));
        Matrix<double> h = DenseMatrix.CreateIdentity(n) * (sNew.DotProduct(yNew) / yNew.DotProduct(yNew));
        for (var i = 0; i < s.Count; i++)
        {
            var (si, yi) = (DenseVector.OfArray(s[i]), DenseVector.OfArray(y[i]));
            var rho = 1.0 / yi.DotProduct(si);
            var left = DenseMatrix.CreateIdentity(n) - rho * si.OuterProduct(yi);
            h = left * h * left.Transpose() + rho * si.OuterProduct(si);
        }

        return h;
    }

    /// <summary>Random steps s_i and y_i = A s_i for a random SPD A, so that every pair has s'y &gt; 0.</summary>
    private static (List<double[]> S, List<double[]> Y) RandomPairs(int n, int m, Random random)
    {
        var a = SymmetricPositiveDefinite(n, random);
        var s = Enumerable.Range(0, m).Select(_ => DenseVector.Create(n, _ => random.NextDouble() * 2.0 - 1.0)).ToList();
        return (s.Select(v => v.ToArray()).ToList(), s.Select(v => (a * v).ToArray()).ToList());
    }

    /// <summary>Q diag(d) Q' with eigenvalues d from 1 to 1000 and a random orthogonal Q.</summary>
    private static Matrix<double> SymmetricPositiveDefinite(int n, Random random)
    {
        var q = DenseMatrix.Create(n, n, (_, _) => random.NextDouble() - 0.5).QR().Q;
        var d = DenseMatrix.OfDiagonalVector(DenseVector.Create(n, i => Math.Pow(1000.0, i / (n - 1.0))));
        var a = q * d * q.Transpose();
        return 0.5 * (a + a.Transpose());
    }
}
