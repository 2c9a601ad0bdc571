using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Exercises;

/// <summary>Worked solutions of exercises 5.1 to 5.3.</summary>
public static class OdeExercises
{
    /// <summary>Exercise 5.1: the stages in order, each from the ones before it (explicit), then the weights b.</summary>
    public static double[] RungeKuttaStep(Func<double, double[], double[]> f, double t, double[] y, double h,
        double[] c, double[][] a, double[] b)
    {
        var k = new double[b.Length][];
        for (var i = 0; i < b.Length; i++)
        {
            var stage = (double[])y.Clone();
            for (var j = 0; j < i; j++)
            {
                for (var m = 0; m < y.Length; m++) stage[m] += h * a[i][j] * k[j][m];
            }

            k[i] = f(t + c[i] * h, stage);
        }

        var yNew = (double[])y.Clone();
        for (var i = 0; i < b.Length; i++)
        {
            for (var m = 0; m < y.Length; m++) yNew[m] += h * b[i] * k[i][m];
        }

        return yNew;
    }

    /// <summary>
    /// Exercise 5.2: on y' = lambda y every stage is a multiple of y: k_i = lambda g_i y with
    /// g_i = 1 + z sum_{j&lt;i} a_ij g_j, so y_new = (1 + z sum_i b_i g_i) y. Euler: R = 1 + z; RK4: the Taylor
    /// polynomial 1 + z + z^2/2 + z^3/6 + z^4/24.
    /// </summary>
    public static Complex StabilityFunction(double[][] a, double[] b, Complex z)
    {
        var g = new Complex[b.Length];
        var r = Complex.One;
        for (var i = 0; i < b.Length; i++)
        {
            g[i] = Complex.One;
            for (var j = 0; j < i; j++) g[i] += z * a[i][j] * g[j];
            r += z * b[i] * g[i];
        }

        return r;
    }

    /// <summary>Exercise 5.3: RK4 on a' = -A^T a from a(T) = c with h = -T/steps; a(0) = dL/dy0 = exp(A^T T) c.</summary>
    public static Vector<double> LinearAdjoint(Matrix<double> a, Vector<double> c, double timeEnd, int steps)
    {
        var minusAt = -a.Transpose();
        var h = -timeEnd / steps;
        var adjoint = c.Clone();
        for (var i = 0; i < steps; i++)
        {
            var k1 = minusAt * adjoint;
            var k2 = minusAt * (adjoint + h / 2 * k1);
            var k3 = minusAt * (adjoint + h / 2 * k2);
            var k4 = minusAt * (adjoint + h * k3);
            adjoint += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }

        return adjoint;
    }
}
