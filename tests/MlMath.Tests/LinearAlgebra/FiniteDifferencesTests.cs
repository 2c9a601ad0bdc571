using MathNet.Numerics.LinearAlgebra;
using MlMath.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

public sealed class FiniteDifferencesTests
{
    private static Vector<double> V(params double[] values) => Vector<double>.Build.Dense(values);

    private static void ShouldBeClose(Vector<double> actual, Vector<double> expected, double relativeTolerance)
    {
        actual.Count.Should().Be(expected.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            actual[i].Should().BeApproximately(expected[i], relativeTolerance * Math.Max(Math.Abs(expected[i]), 1), $"entry {i}");
        }
    }

    private static void ShouldBeClose(Matrix<double> actual, Matrix<double> expected, double relativeTolerance)
    {
        actual.RowCount.Should().Be(expected.RowCount);
        actual.ColumnCount.Should().Be(expected.ColumnCount);
        for (int i = 0; i < expected.RowCount; i++)
        {
            for (int j = 0; j < expected.ColumnCount; j++)
            {
                actual[i, j].Should().BeApproximately(expected[i, j], relativeTolerance * Math.Max(Math.Abs(expected[i, j]), 1), $"entry ({i}, {j})");
            }
        }
    }

    [Fact]
    public void Gradient_of_sin_and_exp_matches_closed_form()
    {
        // Closed form: d/dx sin x = cos x, d/dy exp y = exp y.
        var x = V(0.7, 1.3);
        Vector<double> g = FiniteDifferences.Gradient(v => Math.Sin(v[0]) + Math.Exp(v[1]), x);
        ShouldBeClose(g, V(Math.Cos(0.7), Math.Exp(1.3)), 1e-9);
    }

    [Fact]
    public void Gradient_of_quadratic_form_is_A_plus_A_transpose_times_x()
    {
        // Closed form: grad (x^T A x) = (A + A^T) x for any square A.
        var x = V(0.3, -1.2, 2.0);
        Vector<double> expected = (TestFunctions.A + TestFunctions.A.Transpose()) * x;
        ShouldBeClose(FiniteDifferences.Gradient(TestFunctions.Quadratic, x), expected, 1e-9);
    }

    [Fact]
    public void Gradient_of_Rosenbrock_at_the_standard_start_matches_hand_derivation()
    {
        // By hand at (-1.2, 1): y - x^2 = -0.44, so the gradient is [-4.4 - 211.2, -88] = [-215.6, -88].
        Vector<double> g = FiniteDifferences.Gradient(TestFunctions.Rosenbrock, V(-1.2, 1));
        ShouldBeClose(g, V(-215.6, -88), 1e-9);
    }

    [Fact]
    public void Gradient_step_scales_with_the_coordinate()
    {
        // Closed form: d/dx x^3 = 3 x^2 = 3e8 at x = 1e4. An unscaled step of 6e-6 here loses about
        // 7 digits to rounding (eps |f| / h = 2e-16 * 1e12 / 6e-6); the scaled step keeps about 10.
        Vector<double> g = FiniteDifferences.Gradient(v => v[0] * v[0] * v[0], V(1e4));
        g[0].Should().BeApproximately(3e8, 3e8 * 1e-9);
    }

    [Fact]
    public void Gradient_uses_the_given_absolute_step()
    {
        // Closed form: ((1 + h)^3 - (1 - h)^3) / (2h) = 3 + h^2, which is 3.01 for h = 0.1.
        Vector<double> g = FiniteDifferences.Gradient(v => v[0] * v[0] * v[0], V(1.0), step: 0.1);
        g[0].Should().BeApproximately(3.01, 1e-12);
    }

    [Fact]
    public void Matrix_gradient_has_the_shape_of_x_and_matches_closed_form()
    {
        // Closed form: f(W) = ||W v||^2 has gradient 2 (W v) v^T (a 2x3 matrix for W 2x3, v of length 3).
        var w = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, -2.0, 0.5 }, { 0.0, 3.0, -1.0 } });
        var v = V(0.4, -0.7, 1.1);
        Matrix<double> g = FiniteDifferences.Gradient(m => (m * v).DotProduct(m * v), w);
        Matrix<double> expected = 2 * (w * v).OuterProduct(v);
        ShouldBeClose(g, expected, 1e-9);
    }

    [Fact]
    public void Jacobian_of_known_vector_map_matches_hand_derivation()
    {
        // F(x, y, z) = [x y, sin z, x + y^2 z]; by hand J = [[y, x, 0], [0, 0, cos z], [1, 2 y z, y^2]].
        static Vector<double> F(Vector<double> p) => V(p[0] * p[1], Math.Sin(p[2]), p[0] + p[1] * p[1] * p[2]);
        var (x, y, z) = (0.5, -1.5, 2.0);
        Matrix<double> j = FiniteDifferences.Jacobian(F, V(x, y, z));
        var expected = Matrix<double>.Build.DenseOfArray(new[,]
        {
            { y, x, 0 },
            { 0, 0, Math.Cos(z) },
            { 1, 2 * y * z, y * y },
        });
        ShouldBeClose(j, expected, 1e-9);
    }

    [Fact]
    public void Jacobian_of_map_to_fewer_outputs_is_m_by_n()
    {
        // F: R^3 -> R^1, F = x0 + 2 x1 + 3 x2, so J = [[1, 2, 3]].
        Matrix<double> j = FiniteDifferences.Jacobian(p => V(p[0] + 2 * p[1] + 3 * p[2]), V(1, 2, 3));
        j.RowCount.Should().Be(1);
        j.ColumnCount.Should().Be(3);
        ShouldBeClose(j, Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 } }), 1e-10);
    }

    [Fact]
    public void Hessian_of_Rosenbrock_at_minimum_matches_closed_form()
    {
        // Closed form at (1, 1): [[1200 - 400 + 2, -400], [-400, 200]] = [[802, -400], [-400, 200]].
        Matrix<double> h = FiniteDifferences.Hessian(TestFunctions.Rosenbrock, V(1, 1));
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 802, -400 }, { -400, 200 } });
        ShouldBeClose(h, expected, 1e-6);
    }

    [Fact]
    public void Hessian_of_Rosenbrock_away_from_minimum_matches_closed_form()
    {
        // Closed form at (-1.2, 1): [[1200 * 1.44 - 400 + 2, 480], [480, 200]] = [[1330, 480], [480, 200]].
        var x = V(-1.2, 1);
        Matrix<double> h = FiniteDifferences.Hessian(TestFunctions.Rosenbrock, x);
        ShouldBeClose(h, Matrix<double>.Build.DenseOfArray(new double[,] { { 1330, 480 }, { 480, 200 } }), 1e-6);
        ShouldBeClose(h, TestFunctions.RosenbrockHessian(x), 1e-6);
    }

    [Fact]
    public void Hessian_of_quadratic_form_is_A_plus_A_transpose_and_exactly_symmetric()
    {
        // Closed form: the Hessian of x^T A x is A + A^T everywhere.
        Matrix<double> h = FiniteDifferences.Hessian(TestFunctions.Quadratic, V(0.3, -1.2, 2.0));
        ShouldBeClose(h, TestFunctions.A + TestFunctions.A.Transpose(), 1e-6);
        h.Should().BeEquivalentTo(h.Transpose(), "the off-diagonal formula is computed once and mirrored");
    }

    [Fact]
    public void Hessian_of_exp_times_sin_matches_closed_form()
    {
        // f = exp(x) sin(y): f_xx = exp(x) sin(y), f_xy = exp(x) cos(y), f_yy = -exp(x) sin(y).
        var (x, y) = (0.4, 1.1);
        Matrix<double> h = FiniteDifferences.Hessian(p => Math.Exp(p[0]) * Math.Sin(p[1]), V(x, y));
        var expected = Matrix<double>.Build.DenseOfArray(new[,]
        {
            { Math.Exp(x) * Math.Sin(y), Math.Exp(x) * Math.Cos(y) },
            { Math.Exp(x) * Math.Cos(y), -Math.Exp(x) * Math.Sin(y) },
        });
        ShouldBeClose(h, expected, 1e-6);
    }

    [Fact]
    public void Bad_step_is_rejected_with_its_value()
    {
        Action act = () => FiniteDifferences.Gradient(v => v[0], V(1), step: -0.5);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Gradient: step must be finite and > 0 but is -0.5*");
        Action nan = () => FiniteDifferences.Hessian(v => v[0], V(1), step: double.NaN);
        nan.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Hessian: step must be finite and > 0 but is NaN*");
    }

    [Fact]
    public void Non_finite_or_empty_point_is_rejected_with_index()
    {
        Action act = () => FiniteDifferences.Jacobian(v => v, V(1, double.PositiveInfinity, 3));
        act.Should().Throw<ArgumentException>().WithMessage("Jacobian: x has a non-finite entry Infinity at index 1 (length 3)*");
        Action empty = () => FiniteDifferences.Gradient(v => 0.0, Vector<double>.Build.Dense(0));
        empty.Should().Throw<ArgumentException>().WithMessage("Gradient: x is empty*");
    }

    [Fact]
    public void Non_finite_function_value_throws_instead_of_returning_nan()
    {
        // log(x1) is NaN at x1 - h < 0 for x1 = 1e-7 (h is about 6e-6).
        Action act = () => FiniteDifferences.Gradient(v => Math.Log(v[1]), V(1, 1e-7));
        act.Should().Throw<InvalidOperationException>().WithMessage("Gradient: f returned NaN while differencing coordinate 1*");
    }

    [Fact]
    public void Jacobian_rejects_outputs_of_changing_length()
    {
        Action act = () => FiniteDifferences.Jacobian(v => v[0] > 1 ? V(1, 2) : V(1, 2, 3), V(1, 1));
        act.Should().Throw<InvalidOperationException>().WithMessage("Jacobian: f returned vectors of lengths 2, 2 and 3*");
    }
}
