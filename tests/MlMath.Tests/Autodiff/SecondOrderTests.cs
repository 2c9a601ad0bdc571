using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.Tests.Autodiff;

/// <summary>Hessians and Hessian-vector products by double backward, against closed forms.</summary>
public sealed class SecondOrderTests
{
    /// <summary>Rosenbrock f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 on a 2x1 column.</summary>
    private static Variable Rosenbrock(Variable v)
    {
        var x = v.SliceRows(0, 1);
        var y = v.SliceRows(1, 1);
        return (1.0 - x).Square() + 100.0 * (y - x.Square()).Square();
    }

    /// <summary>The Hessian by differentiating each entry of the gradient (created with createGraph) again.</summary>
    private static Matrix<double> HessianByDoubleBackward(Func<Variable, Variable> f, Vector<double> at)
    {
        var n = at.Count;
        var x = new Variable(DenseMatrix.OfColumnVectors(at), requiresGrad: true);
        var gradient = Gradients.Of(f(x), x, createGraph: true);
        var hessian = new DenseMatrix(n, n);
        for (var i = 0; i < n; i++)
        {
            var row = Gradients.Of(gradient.SliceRows(i, 1), x);
            hessian.SetRow(i, row.Value.Column(0));
        }

        return hessian;
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(-1.2, 1.0)]
    [InlineData(0.3, -0.7)]
    public void Rosenbrock_hessian_by_double_backward_equals_the_closed_form(double x, double y)
    {
        // d2f/dx2 = 2 - 400 (y - x^2) + 800 x^2 = 1200 x^2 - 400 y + 2; d2f/dxdy = -400 x; d2f/dy2 = 200.
        var expected = DenseMatrix.OfArray(new[,] { { 1200 * x * x - 400 * y + 2, -400 * x }, { -400 * x, 200.0 } });
        var hessian = HessianByDoubleBackward(Rosenbrock, Vector<double>.Build.Dense([x, y]));
        (hessian - expected).InfinityNorm().Should().BeLessThan(1e-9);
    }

    [Fact]
    public void Rosenbrock_hessian_at_the_minimum_is_the_published_matrix()
    {
        // At (1, 1): [[802, -400], [-400, 200]] (e.g. Nocedal & Wright, Numerical Optimization, exercise 2.1).
        var hessian = HessianByDoubleBackward(Rosenbrock, Vector<double>.Build.Dense([1.0, 1.0]));
        hessian[0, 0].Should().BeApproximately(802, 1e-9);
        hessian[0, 1].Should().BeApproximately(-400, 1e-9);
        hessian[1, 1].Should().BeApproximately(200, 1e-9);
    }

    [Fact]
    public void Log_sum_exp_hessian_is_diag_p_minus_p_p_transpose()
    {
        // lse(x) = ln sum_i e^{x_i}; gradient p = softmax(x); Hessian diag(p) - p p^T (Boyd & Vandenberghe,
        // Convex Optimization, sec. 3.1.5).
        var at = Vector<double>.Build.Dense([0.5, -1.0, 2.0, 0.0]);
        var hessian = HessianByDoubleBackward(v => v.Exp().Sum().Log(), at);
        var p = at.Map(Math.Exp) / at.Map(Math.Exp).Sum();
        var expected = DenseMatrix.OfDiagonalVector(p) - p.OuterProduct(p);
        (hessian - expected).InfinityNorm().Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Hessian_vector_product_equals_H_times_v()
    {
        // Pearlmutter's trick: d/dx (grad f(x) . v) = H v, one extra backward pass instead of n.
        var at = Vector<double>.Build.Dense([-1.2, 1.0]);
        var v = DenseMatrix.OfColumnArrays([0.3, -2.0]);
        var x = new Variable(DenseMatrix.OfColumnVectors(at), requiresGrad: true);
        var gradient = Gradients.Of(Rosenbrock(x), x, createGraph: true);
        var hv = Gradients.Of(gradient.PointwiseMultiply(Variable.Constant(v)).Sum(), x).Value;

        var hessian = DenseMatrix.OfArray(new[,] { { 1200 * 1.44 - 400 + 2, 480.0 }, { 480.0, 200.0 } });
        (hv - hessian * v).InfinityNorm().Should().BeLessThan(1e-9);
    }

    [Fact]
    public void Third_derivative_of_x_cubed_is_six()
    {
        var x = Variable.Scalar(0.7, requiresGrad: true);
        var d1 = Gradients.Of(x.Pow(3.0), x, createGraph: true);
        var d2 = Gradients.Of(d1, x, createGraph: true);
        var d3 = Gradients.Of(d2, x);
        d1.Item.Should().BeApproximately(3 * 0.49, 1e-12);
        d2.Item.Should().BeApproximately(6 * 0.7, 1e-12);
        d3.Item.Should().BeApproximately(6.0, 1e-12);
    }

    [Fact]
    public void Gradients_without_createGraph_are_constants()
    {
        var x = Variable.Scalar(2.0, requiresGrad: true);
        var g = Gradients.Of(x.Square(), x);
        g.Item.Should().Be(4.0);
        g.RequiresGrad.Should().BeFalse();
        x.Grad.Should().BeNull("Gradients.Of does not touch Grad");
    }
}
