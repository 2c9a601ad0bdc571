using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.LinearAlgebra;

namespace MlMath.Exercises.Tests;

/// <summary>Checks for the chapter 1 exercises; the same tests run against Solutions/ and, with -p:Learner=true, Exercises/.</summary>
public sealed class Chapter01Tests
{
    [Fact]
    public void Exercise_1_1_softmax_matches_the_definition_on_moderate_scores()
    {
        double[] scores = [1.0, 2.0, 3.0];
        var z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Chapter01.StableSoftmax(scores).Should().BeEquivalentTo(
            new[] { Math.Exp(1) / z, Math.Exp(2) / z, Math.Exp(3) / z }, o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-15)).WhenTypeIs<double>());
    }

    [Fact]
    public void Exercise_1_1_softmax_survives_huge_scores()
    {
        var p = Chapter01.StableSoftmax([1000.0, 1000.0, -1000.0]);
        p[0].Should().BeApproximately(0.5, 1e-15);
        p[1].Should().BeApproximately(0.5, 1e-15);
        p[2].Should().Be(0.0);
    }

    [Fact]
    public void Exercise_1_2_tanh_backward_agrees_with_finite_differences_and_the_built_in()
    {
        var x0 = DenseMatrix.OfArray(new[,] { { -1.5, 0.2 }, { 0.7, 2.0 } });
        var x = new Variable(x0, requiresGrad: true);
        var y = Chapter01.TanhWithOwnBackward(x);
        y.Value.Should().BeEquivalentTo(x0.Map(Math.Tanh));
        var weights = Variable.Constant(DenseMatrix.OfArray(new[,] { { 1.0, -2.0 }, { 0.5, 3.0 } }));
        y.PointwiseMultiply(weights).Sum().Backward();

        var check = GradientCheck.Compare(m => m.Map(Math.Tanh).PointwiseMultiply(weights.Value).Enumerate().Sum(), x0, x.Grad!);
        check.Passed(1e-7).Should().BeTrue(check.ToString());
    }

    [Fact]
    public void Exercise_1_2_tanh_second_derivative_works()
    {
        // d2/dx2 tanh x = -2 tanh x (1 - tanh^2 x).
        var x = Variable.Scalar(0.4, requiresGrad: true);
        var d1 = Gradients.Of(Chapter01.TanhWithOwnBackward(x), x, createGraph: true);
        var d2 = Gradients.Of(d1, x);
        var t = Math.Tanh(0.4);
        d2.Item.Should().BeApproximately(-2 * t * (1 - t * t), 1e-12);
    }

    [Fact]
    public void Exercise_1_3_central_differences_are_second_order_accurate()
    {
        // f(x, y) = sin(x) e^y; gradient (cos(x) e^y, sin(x) e^y).
        static double F(double[] v) => Math.Sin(v[0]) * Math.Exp(v[1]);
        var g = Chapter01.CentralDifferenceGradient(F, [0.3, -0.8], 1e-5);
        g[0].Should().BeApproximately(Math.Cos(0.3) * Math.Exp(-0.8), 1e-9);
        g[1].Should().BeApproximately(Math.Sin(0.3) * Math.Exp(-0.8), 1e-9);

        // Halving h divides the truncation error by about 4 (while rounding is still negligible).
        static double Cube(double[] v) => v[0] * v[0] * v[0];
        var coarse = Math.Abs(Chapter01.CentralDifferenceGradient(Cube, [1.0], 1e-2)[0] - 3.0);
        var fine = Math.Abs(Chapter01.CentralDifferenceGradient(Cube, [1.0], 5e-3)[0] - 3.0);
        (coarse / fine).Should().BeInRange(3.9, 4.1);
    }

    [Fact]
    public void Exercise_1_3_does_not_change_the_point()
    {
        double[] x = [1.0, 2.0];
        Chapter01.CentralDifferenceGradient(v => v[0] * v[1], x, 1e-4);
        x.Should().Equal(1.0, 2.0);
    }

    [Fact]
    public void Exercise_1_4_swish_values_and_gradient_check()
    {
        var x0 = DenseMatrix.OfArray(new[,] { { -3.0, -0.5, 0.0, 0.8, 4.0 } });
        var x = new Variable(x0, requiresGrad: true);
        var y = Chapter01.Swish(x);
        for (var j = 0; j < 5; j++) y.Value[0, j].Should().BeApproximately(x0[0, j] / (1 + Math.Exp(-x0[0, j])), 1e-15);

        y.Sum().Backward();
        static double Loss(Matrix<double> m) => m.Enumerate().Sum(v => v / (1 + Math.Exp(-v)));
        var check = GradientCheck.Compare(Loss, x0, x.Grad!);
        check.Passed(1e-7).Should().BeTrue(check.ToString());
    }
}
