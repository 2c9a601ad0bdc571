using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.DifferentialEquations;

namespace MlMath.Exercises.Tests;

/// <summary>Checks for exercises 5.1 to 5.3 against the library's stepper and closed forms.</summary>
public sealed class OdeExercisesTests
{
    private static (double[] C, double[][] A, double[] B) Arrays(ButcherTableau t) =>
        (t.C.ToArray(), Enumerable.Range(0, t.Stages).Select(i => t.A(i).ToArray()).ToArray(), t.B.ToArray());

    [Theory]
    [InlineData("Euler")]
    [InlineData("RK4")]
    [InlineData("Dormand-Prince 5(4)")]
    public void Exercise_5_1_one_step_equals_the_library_step(string name)
    {
        var tableau = ButcherTableau.All.Single(t => t.Name == name);
        var (c, a, b) = Arrays(tableau);
        double[] y = [1.0, 0.5];
        var mine = OdeExercises.RungeKuttaStep((t, v) => [1.5 * v[0] - v[0] * v[1] + Math.Sin(t), -3 * v[1] + v[0] * v[1]], 0.3, y, 0.1, c, a, b);
        var expected = new double[2];
        new ExplicitRungeKutta(tableau).Step((t, v, dv) =>
        {
            dv[0] = 1.5 * v[0] - v[0] * v[1] + Math.Sin(t);
            dv[1] = -3 * v[1] + v[0] * v[1];
        }, 0.3, y, 0.1, expected, new RungeKuttaWorkspace(tableau, 2));
        mine[0].Should().BeApproximately(expected[0], 1e-14);
        mine[1].Should().BeApproximately(expected[1], 1e-14);
    }

    [Fact]
    public void Exercise_5_1_rk4_is_fourth_order_on_y_prime_equals_y()
    {
        var (c, a, b) = Arrays(ButcherTableau.RungeKutta4);
        double Error(int n)
        {
            double[] y = [1.0];
            for (var i = 0; i < n; i++) y = OdeExercises.RungeKuttaStep((_, v) => [v[0]], i * 1.0 / n, y, 1.0 / n, c, a, b);
            return Math.Abs(y[0] - Math.E);
        }

        Math.Log2(Error(10) / Error(20)).Should().BeApproximately(4, 0.1);
    }

    [Fact]
    public void Exercise_5_2_gives_the_known_stability_functions_and_eulers_disk()
    {
        var z = new Complex(-0.7, 0.4);
        var (_, ea, eb) = Arrays(ButcherTableau.Euler);
        (OdeExercises.StabilityFunction(ea, eb, z) - (1 + z)).Magnitude.Should().BeLessThan(1e-15);
        var (_, ra, rb) = Arrays(ButcherTableau.RungeKutta4);
        var taylor = 1 + z + z * z / 2 + z * z * z / 6 + z * z * z * z / 24;
        (OdeExercises.StabilityFunction(ra, rb, z) - taylor).Magnitude.Should().BeLessThan(1e-14);
        // Euler: stable exactly on the disk |1 + z| <= 1.
        foreach (var point in new[] { new Complex(-1, 0.99), new Complex(-1.9, 0), new Complex(-0.1, 0.3), new Complex(-2.1, 0), new Complex(0.1, 0) })
        {
            (OdeExercises.StabilityFunction(ea, eb, point).Magnitude <= 1).Should().Be((point + 1).Magnitude <= 1, $"z = {point}");
        }

        // RK4's real stability interval ends near -2.785.
        OdeExercises.StabilityFunction(ra, rb, -2.78).Magnitude.Should().BeLessThan(1);
        OdeExercises.StabilityFunction(ra, rb, -2.80).Magnitude.Should().BeGreaterThan(1);
    }

    [Fact]
    public void Exercise_5_3_matches_the_closed_form_exp_of_a_transpose_t_times_c()
    {
        // A = [[-0.1, 2], [-2, -0.1]]: exp(A^T t) = e^(-0.1 t) [[cos 2t, -sin 2t], [sin 2t, cos 2t]].
        var a = DenseMatrix.OfArray(new[,] { { -0.1, 2.0 }, { -2.0, -0.1 } });
        var c = DenseVector.OfArray([1.0, -0.5]);
        const double T = 3.0;
        var adjoint = OdeExercises.LinearAdjoint(a, c, T, 300);
        var decay = Math.Exp(-0.1 * T);
        var (cos, sin) = (Math.Cos(2 * T), Math.Sin(2 * T));
        adjoint[0].Should().BeApproximately(decay * (cos * c[0] - sin * c[1]), 1e-8);
        adjoint[1].Should().BeApproximately(decay * (sin * c[0] + cos * c[1]), 1e-8);
    }
}
