using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.Tests.Autodiff;

/// <summary>The backward engine: accumulation, reuse, modes, and the errors a user can trigger.</summary>
public sealed class EngineTests
{
    private static Matrix<double> M(double[,] a) => DenseMatrix.OfArray(a);

    [Fact]
    public void A_variable_used_twice_receives_both_contributions()
    {
        // f = x * x + 3 x at x = 2: df/dx = 2x + 3 = 7.
        var x = Variable.Scalar(2.0, requiresGrad: true);
        (x.PointwiseMultiply(x) + 3.0 * x).Backward();
        x.Grad![0, 0].Should().Be(7.0);
    }

    [Fact]
    public void Gradients_accumulate_over_backward_calls_until_ZeroGrad()
    {
        var x = Variable.Scalar(3.0, requiresGrad: true);
        x.Square().Backward();
        x.Square().Backward();
        x.Grad![0, 0].Should().Be(12.0);
        x.ZeroGrad();
        x.Grad.Should().BeNull();
        x.Square().Backward();
        x.Grad![0, 0].Should().Be(6.0);
    }

    [Fact]
    public void Diamond_graph_sums_paths()
    {
        // y = a + b with a = 2x, b = x^2 ; z = y * a. dz/dx = (2 + 2x) * 2x + (2x + x^2) * 2 at x = 1.5.
        var x = Variable.Scalar(1.5, requiresGrad: true);
        var a = 2.0 * x;
        var b = x.Square();
        var z = (a + b).PointwiseMultiply(a);
        z.Backward();
        x.Grad![0, 0].Should().BeApproximately((2 + 3) * 3 + (3 + 2.25) * 2, 1e-12);
    }

    [Fact]
    public void Leaves_that_do_not_require_grad_get_none()
    {
        var w = new Variable(M(new[,] { { 1.0, 2.0 } }), requiresGrad: true);
        var x = Variable.Constant(M(new[,] { { 3.0 }, { 4.0 } }));
        (w * x).Backward();
        w.Grad!.Row(0).ToArray().Should().Equal(3.0, 4.0);
        x.Grad.Should().BeNull();
    }

    [Fact]
    public void NoGrad_builds_no_graph_and_nests()
    {
        var x = Variable.Scalar(1.0, requiresGrad: true);
        using (GradMode.NoGrad())
        {
            using (GradMode.NoGrad()) { x.Exp().RequiresGrad.Should().BeFalse(); }
            var y = x.Exp();
            y.RequiresGrad.Should().BeFalse();
            y.IsLeaf.Should().BeTrue();
            GradMode.IsEnabled.Should().BeFalse();
        }

        GradMode.IsEnabled.Should().BeTrue();
        x.Exp().RequiresGrad.Should().BeTrue();
    }

    [Fact]
    public void Detach_cuts_the_graph()
    {
        var x = Variable.Scalar(2.0, requiresGrad: true);
        var y = x.Square().Detach().PointwiseMultiply(x); // d/dx (c x) with c = 4 held constant
        y.Backward();
        x.Grad![0, 0].Should().Be(4.0);
    }

    [Fact]
    public void Deep_graph_does_not_overflow_the_stack()
    {
        // 100 000 chained ops: a recursive topological sort would overflow; y = x + 1e-5 * n.
        var x = Variable.Scalar(0.0, requiresGrad: true);
        var y = x;
        for (var i = 0; i < 100_000; i++) y = y * 1.0 + 1e-5;
        y.Backward();
        x.Grad![0, 0].Should().Be(1.0);
        y.Item.Should().BeApproximately(1.0, 1e-9);
    }

    [Fact]
    public void Backward_with_a_seed_gives_the_vector_jacobian_product()
    {
        // y = A x with A 2x3; seed u: dx = A^T u.
        var a = M(new[,] { { 1.0, 2.0, 3.0 }, { -1.0, 0.5, 4.0 } });
        var x = new Variable(M(new[,] { { 1.0 }, { 1.0 }, { 2.0 } }), requiresGrad: true);
        (Variable.Constant(a) * x).Backward(M(new[,] { { 2.0 }, { -1.0 } }));
        x.Grad!.Column(0).ToArray().Should().Equal(3.0, 3.5, 2.0);
    }

    [Fact]
    public void Mismatched_shapes_name_the_op_and_both_shapes()
    {
        var a = new Variable(new DenseMatrix(3, 4));
        var b = new Variable(new DenseMatrix(5, 2));
        FluentActions.Invoking(() => a * b).Should().Throw<ArgumentException>().WithMessage("*MatMul*3x4*5x2*");
        FluentActions.Invoking(() => a + b).Should().Throw<ArgumentException>().WithMessage("*Add*3x4*5x2*");
        FluentActions.Invoking(() => a.PointwiseMultiply(b)).Should().Throw<ArgumentException>().WithMessage("*PointwiseMultiply*3x4*5x2*");
        FluentActions.Invoking(() => a.AddRowVector(b)).Should().Throw<ArgumentException>().WithMessage("*AddRowVector*3x4*5x2*");
        FluentActions.Invoking(() => Variable.ConcatRows(a, b)).Should().Throw<ArgumentException>().WithMessage("*ConcatRows*3x4, 5x2*");
    }

    [Fact]
    public void Bad_indices_and_slices_are_named()
    {
        var a = new Variable(new DenseMatrix(3, 2));
        FluentActions.Invoking(() => a.GatherRows([0, 3])).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*GatherRows*index[1] = 3*0..2*");
        FluentActions.Invoking(() => a.ScatterAddRows([0, 1], 5)).Should().Throw<ArgumentException>().WithMessage("*ScatterAddRows*2 entries*3x2*");
        FluentActions.Invoking(() => a.SliceRows(2, 2)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*SliceRows*3x2*");
    }

    [Fact]
    public void Backward_on_a_non_scalar_without_seed_says_what_to_do()
    {
        var x = new Variable(new DenseMatrix(2, 3), requiresGrad: true);
        FluentActions.Invoking(() => x.Exp().Backward()).Should().Throw<InvalidOperationException>()
            .WithMessage("*2x3*not a 1x1 scalar*seed*");
        FluentActions.Invoking(() => Gradients.Of(x.Exp(), x)).Should().Throw<InvalidOperationException>()
            .WithMessage("*2x3*seed*");
        FluentActions.Invoking(() => x.Exp().Backward(new DenseMatrix(3, 2))).Should().Throw<ArgumentException>()
            .WithMessage("*seed gradient is 3x2, output is 2x3*");
    }

    [Fact]
    public void Backward_without_any_gradient_requirement_is_an_error()
    {
        var x = Variable.Scalar(1.0);
        FluentActions.Invoking(() => x.Exp().Backward()).Should().Throw<InvalidOperationException>()
            .WithMessage("*does not require a gradient*");
    }

    [Fact]
    public void Unused_inputs_are_an_error_unless_allowed()
    {
        var x = Variable.Scalar(1.0, requiresGrad: true);
        var unused = Variable.Scalar(5.0, requiresGrad: true);
        FluentActions.Invoking(() => Gradients.Of(x.Exp(), [x, unused])).Should().Throw<ArgumentException>()
            .WithMessage("*input 1*not used*allowUnused*");
        var grads = Gradients.Of(x.Exp(), [x, unused], allowUnused: true);
        grads[1].Item.Should().Be(0.0);
        grads[0].Item.Should().BeApproximately(Math.E, 1e-15);
    }

    [Fact]
    public void Anomaly_mode_names_the_op_that_produced_the_first_NaN()
    {
        var x = new Variable(M(new[,] { { 1.0, -1.0 } }), requiresGrad: true);
        using (AnomalyMode.Enable())
        {
            FluentActions.Invoking(() => x.Square().Log().Exp().Sum()).Should().NotThrow();
            FluentActions.Invoking(() => (x - 2.0).Log().Exp().Sum()).Should().Throw<InvalidOperationException>()
                .WithMessage("*forward of op 'Log'*NaN*row 0, column 0*");
        }

        // Outside anomaly mode, the NaN flows through silently, as it does in every framework.
        double.IsNaN((x - 2.0).Log().Exp().Sum().Item).Should().BeTrue();
    }

    [Fact]
    public void Anomaly_mode_catches_infinities_in_the_backward_pass()
    {
        // sqrt(x) at x = 0 is fine forward (0) but its derivative 1 / (2 sqrt x) is infinite.
        var x = new Variable(M(new[,] { { 0.0, 4.0 } }), requiresGrad: true);
        using (AnomalyMode.Enable())
        {
            var y = x.Sqrt().Sum();
            FluentActions.Invoking(() => y.Backward()).Should().Throw<InvalidOperationException>()
                .WithMessage("*backward of op 'Sqrt'*Infinity*gradient*");
        }
    }

    [Fact]
    public void RequiresGrad_can_only_be_set_on_leaves()
    {
        var x = Variable.Scalar(1.0, requiresGrad: true);
        var y = x.Exp();
        FluentActions.Invoking(() => y.RequiresGrad = false).Should().Throw<InvalidOperationException>().WithMessage("*leaf*Exp*");
        x.RequiresGrad = false;
        x.Exp().RequiresGrad.Should().BeFalse();
    }

    [Fact]
    public void Item_requires_a_scalar()
    {
        FluentActions.Invoking(() => new Variable(new DenseMatrix(2, 2)).Item).Should().Throw<InvalidOperationException>().WithMessage("*2x2*");
    }

    [Fact]
    public void A_Variable_used_fifty_times_gets_the_sum_of_all_fifty_contributions()
    {
        // y = sum_i (x * i + (x + x)) for i = 1..50: dy/dx = sum_i (i + 2) = 1275 + 100 = 1375, exact in doubles.
        // The engine adds the contributions into one buffer in place; the x + x terms pass one gradient to
        // both operands, and a shared intermediate h collects contributions of its own.
        var x = new Variable(DenseMatrix.OfArray(new[,] { { 0.5, -1.5 }, { 2.0, 3.0 } }), requiresGrad: true);
        var h = x + 0.0;
        var y = Variable.Scalar(0.0);
        for (var i = 1; i <= 50; i++) y += ((h * (double)i) + (h + h)).Sum();
        y.Backward();
        x.Grad!.Enumerate().Should().OnlyContain(v => v == 1375.0);

        // A second pass accumulates on top: every entry doubles.
        y.Backward();
        x.Grad!.Enumerate().Should().OnlyContain(v => v == 2750.0);
    }

    [Fact]
    public void Two_leaves_given_the_same_gradient_matrix_get_separate_Grads()
    {
        // Add's rule passes g on to both parents: the same matrix. Each leaf must own its Grad, since
        // gradient clipping and users change Grad in place.
        var a = new Variable(DenseMatrix.OfArray(new[,] { { 1.0, 2.0 } }), requiresGrad: true);
        var b = new Variable(DenseMatrix.OfArray(new[,] { { 3.0, 4.0 } }), requiresGrad: true);
        (a + b).Backward(DenseMatrix.OfArray(new[,] { { 5.0, 6.0 } }));
        a.Grad.Should().NotBeSameAs(b.Grad);
        a.Grad![0, 0] = 100.0;
        b.Grad![0, 0].Should().Be(5.0);
    }

    [Fact]
    public void A_leaf_never_keeps_the_callers_seed_or_a_forward_value_as_its_Grad()
    {
        var x = new Variable(DenseMatrix.OfArray(new[,] { { 1.0, 2.0 } }), requiresGrad: true);
        var seed = DenseMatrix.OfArray(new[,] { { 7.0, 8.0 } });
        (x + 0.0).Backward(seed);
        x.Grad.Should().NotBeSameAs(seed);
        seed[0, 0] = -1.0;
        x.Grad![0, 0].Should().Be(7.0);
    }

    [Fact]
    public void A_custom_rule_may_keep_the_matrix_it_returns()
    {
        // The rule returns a matrix it holds on to; the leaf's Grad must be a copy, not that matrix.
        var kept = DenseMatrix.OfArray(new[,] { { 2.0, 2.0 } });
        var x = new Variable(DenseMatrix.OfArray(new[,] { { 1.0, 3.0 } }), requiresGrad: true);
        var twice = Variable.Custom("Twice", x.Value * 2.0, [x], _ => [Variable.Constant(kept)]);
        twice.Sum().Backward();
        x.Grad![0, 1] = 99.0;
        kept[0, 1].Should().Be(2.0);
    }

    [Fact]
    public void A_fresh_gradient_of_a_single_leaf_is_kept_without_a_copy_and_is_correct()
    {
        // d/dW sum(x W) = x^T 1: the product made in the backward pass becomes W's Grad.
        var x = Variable.Constant(DenseMatrix.OfArray(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } }));
        var w = new Variable(DenseMatrix.OfArray(new[,] { { 0.5 }, { -1.0 } }), requiresGrad: true);
        (x * w).Sum().Backward();
        w.Grad.Should().BeEquivalentTo(DenseMatrix.OfArray(new[,] { { 4.0 }, { 6.0 } }));
        (x * w).Sum().Backward(); // accumulates: a new matrix, the sum
        w.Grad.Should().BeEquivalentTo(DenseMatrix.OfArray(new[,] { { 8.0 }, { 12.0 } }));
    }
}

/// <summary>User-defined ops through <see cref="Variable.Custom"/>.</summary>
public sealed class CustomOpTests
{
    private static Variable Cube(Variable x) =>
        Variable.Custom("Cube", x.Value.PointwiseMultiply(x.Value).PointwiseMultiply(x.Value), [x],
            g => [g.PointwiseMultiply(x.Square()).MultiplyScalar(3.0)]);

    [Fact]
    public void A_custom_op_backpropagates_and_double_backpropagates()
    {
        var x = Variable.Scalar(1.5, requiresGrad: true);
        var d1 = Gradients.Of(Cube(x), x, createGraph: true);
        d1.Item.Should().BeApproximately(3 * 2.25, 1e-12);
        Gradients.Of(d1, x).Item.Should().BeApproximately(6 * 1.5, 1e-12);
    }

    [Fact]
    public void A_custom_op_with_a_wrong_gradient_shape_is_named()
    {
        var x = new Variable(new MathNet.Numerics.LinearAlgebra.Double.DenseMatrix(2, 2), requiresGrad: true);
        var bad = Variable.Custom("Bad", x.Value, [x], g => [g.SumPerRow()]);
        FluentActions.Invoking(() => bad.Sum().Backward()).Should().Throw<InvalidOperationException>()
            .WithMessage("*Custom op 'Bad'*2x1 gradient for input 0, which is 2x2*");
        var wrongCount = Variable.Custom("Two", x.Value, [x], g => [g, g]);
        FluentActions.Invoking(() => wrongCount.Sum().Backward()).Should().Throw<InvalidOperationException>()
            .WithMessage("*'Two'*2 gradients for 1 inputs*");
    }
}

/// <summary><see cref="AutodiffGradientCheck"/> finds right and wrong gradients.</summary>
public sealed class AutodiffGradientCheckTests
{
    [Fact]
    public void Passes_a_correct_op_and_locates_the_error_of_a_wrong_one()
    {
        var x = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.OfArray(new[,] { { 0.3, -1.2 }, { 2.0, 0.7 } });
        AutodiffGradientCheck.Compare(v => v.Tanh().Square().Sum(), x).Passed(1e-7).Should().BeTrue();

        // A deliberately wrong rule: claims d/dx x^2 = x (should be 2x). With |x| < 0.5 the relative error
        // |x - 2x| / max(|x|, |2x|, 1) is |x|, so the worst entry is the largest |x|: -0.45 at (0, 1).
        Variable WrongSquare(Variable v) => Variable.Custom("WrongSquare", v.Value.PointwiseMultiply(v.Value), [v], g => [g.PointwiseMultiply(v)]);
        var small = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.OfArray(new[,] { { 0.3, -0.45 }, { 0.1, 0.2 } });
        var result = AutodiffGradientCheck.Compare(v => WrongSquare(v).Sum(), small);
        result.Passed(1e-3).Should().BeFalse();
        (result.Row, result.Column).Should().Be((0, 1));
        result.AnalyticValue.Should().BeApproximately(-0.45, 1e-12);
        result.NumericValue.Should().BeApproximately(-0.9, 1e-8);
    }
}
