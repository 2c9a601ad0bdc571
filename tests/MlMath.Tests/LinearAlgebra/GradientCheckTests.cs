using MathNet.Numerics.LinearAlgebra;
using MlMath.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

public sealed class GradientCheckTests
{
    private static Vector<double> V(params double[] values) => Vector<double>.Build.Dense(values);

    [Fact]
    public void Correct_gradient_passes_with_tiny_error()
    {
        var x = V(-1.2, 1);
        GradientCheckResult result = GradientCheck.Compare(TestFunctions.Rosenbrock, x, TestFunctions.RosenbrockGradient(x));
        result.Passed(1e-8).Should().BeTrue(result.ToString());
        result.MaxRelativeError.Should().BeLessThan(1e-8);
        result.NumericGradient.Count.Should().Be(2);
        result.Row.Should().BeNull();
    }

    [Fact]
    public void Wrong_gradient_fails_and_reports_the_wrong_entry()
    {
        // grad (x^T A x) is (A + A^T) x; the classic slip A x (forgetting the transpose term) plus a
        // deliberate error in entry 2 only.
        var x = V(0.3, -1.2, 2.0);
        Vector<double> right = (TestFunctions.A + TestFunctions.A.Transpose()) * x;
        Vector<double> wrong = right.Clone();
        wrong[2] += 0.5;

        GradientCheckResult result = GradientCheck.Compare(TestFunctions.Quadratic, x, wrong);

        result.Passed(1e-6).Should().BeFalse();
        result.Index.Should().Be(2);
        result.AnalyticValue.Should().Be(wrong[2]);
        result.NumericValue.Should().BeApproximately(right[2], 1e-8);
        // |a - n| / max(|a|, |n|, 1) with a = n + 0.5.
        double expectedError = 0.5 / Math.Max(Math.Max(Math.Abs(wrong[2]), Math.Abs(right[2])), 1);
        result.MaxRelativeError.Should().BeApproximately(expectedError, 1e-8);
        result.ToString().Should().Contain("index 2");
    }

    [Fact]
    public void Forgetting_the_transpose_term_is_caught()
    {
        var x = V(0.3, -1.2, 2.0);
        Vector<double> forgotTranspose = TestFunctions.A * x;
        GradientCheck.Compare(TestFunctions.Quadratic, x, forgotTranspose).Passed(1e-3).Should().BeFalse();
    }

    [Fact]
    public void Zero_gradient_does_not_fail_on_finite_difference_noise()
    {
        // f = 1000 (exp(x) - x) at x = 0 has gradient 1000 (e^0 - 1) = 0 exactly; the numeric one is
        // truncation and rounding noise of order 1e-8. A pure relative error |a - n| / max(|a|, |n|)
        // would be 1 there; the floor of 1 makes it an absolute error.
        GradientCheckResult result = GradientCheck.Compare(v => 1e3 * (Math.Exp(v[0]) - v[0]), V(0.0), V(0.0));
        result.NumericValue.Should().NotBe(0, "the test needs finite-difference noise to mean something");
        result.Passed(1e-6).Should().BeTrue(result.ToString());
    }

    [Fact]
    public void Matrix_overload_reports_row_and_column()
    {
        // Closed form: f(W) = ||W v||^2 has gradient 2 (W v) v^T; corrupt entry (1, 2).
        var w = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, -2.0, 0.5 }, { 0.0, 3.0, -1.0 } });
        var v = V(0.4, -0.7, 1.1);
        double F(Matrix<double> m) => (m * v).DotProduct(m * v);
        Matrix<double> right = 2 * (w * v).OuterProduct(v);
        GradientCheck.Compare(F, w, right).Passed(1e-8).Should().BeTrue();

        Matrix<double> wrong = right.Clone();
        wrong[1, 2] *= 1.01;
        GradientCheckResult result = GradientCheck.Compare(F, w, wrong);
        result.Passed(1e-6).Should().BeFalse();
        (result.Row, result.Column).Should().Be((1, 2));
        result.Index.Should().Be(1 + 2 * 2, "column-major linear index = row + column * rows");
        result.NumericGradient.Count.Should().Be(6);
        result.ToString().Should().Contain("(1, 2)");
    }

    [Fact]
    public void Nan_in_analytic_gradient_is_reported_as_worst_and_fails()
    {
        var x = V(-1.2, 1);
        Vector<double> g = TestFunctions.RosenbrockGradient(x);
        g[1] = double.NaN;
        g[0] += 1000; // a large finite error elsewhere must not hide the NaN
        GradientCheckResult result = GradientCheck.Compare(TestFunctions.Rosenbrock, x, g);
        result.Index.Should().Be(1);
        double.IsNaN(result.MaxRelativeError).Should().BeTrue();
        result.Passed(1e3).Should().BeFalse();
    }

    [Fact]
    public void Relative_error_definition()
    {
        GradientCheck.RelativeError(100, 101).Should().BeApproximately(1.0 / 101, 1e-15);
        GradientCheck.RelativeError(1e-9, 2e-9).Should().BeApproximately(1e-9, 1e-20);
        GradientCheck.RelativeError(-2, 2).Should().Be(2);
    }

    [Fact]
    public void Length_mismatch_is_rejected_with_both_lengths()
    {
        Action act = () => GradientCheck.Compare(v => v.Sum(), V(1, 2, 3, 4), V(1, 1, 1));
        act.Should().Throw<ArgumentException>()
            .WithMessage("GradientCheck: analytic gradient has length 3 but x has length 4*")
            .And.ParamName.Should().Be("analyticGradient");
    }

    [Fact]
    public void Shape_mismatch_is_rejected_with_both_shapes()
    {
        Action act = () => GradientCheck.Compare(m => m.RowSums().Sum(), Matrix<double>.Build.Dense(2, 3), Matrix<double>.Build.Dense(3, 2));
        act.Should().Throw<ArgumentException>().WithMessage("GradientCheck: analytic gradient is 3x2 but x is 2x3*");
    }

    [Fact]
    public void Negative_tolerance_is_rejected()
    {
        GradientCheckResult result = GradientCheck.Compare(v => v[0], V(1), V(1));
        Action act = () => result.Passed(-1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("GradientCheckResult.Passed: tolerance must be finite and >= 0 but is -1*");
    }
}
