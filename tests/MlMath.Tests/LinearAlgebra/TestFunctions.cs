using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

/// <summary>Test problems with derivatives worked out by hand (closed forms), shared by the tests.</summary>
internal static class TestFunctions
{
    /// <summary>Rosenbrock's function f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 (Nocedal and Wright, eq. 2.22).</summary>
    public static double Rosenbrock(Vector<double> v)
    {
        double x = v[0], y = v[1];
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    }

    /// <summary>Its gradient, by hand: [-2 (1 - x) - 400 x (y - x^2), 200 (y - x^2)].</summary>
    public static Vector<double> RosenbrockGradient(Vector<double> v)
    {
        double x = v[0], y = v[1];
        return Vector<double>.Build.Dense([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]);
    }

    /// <summary>Its Hessian, by hand: [[1200 x^2 - 400 y + 2, -400 x], [-400 x, 200]].</summary>
    public static Matrix<double> RosenbrockHessian(Vector<double> v)
    {
        double x = v[0], y = v[1];
        return Matrix<double>.Build.DenseOfArray(new[,] { { 1200 * x * x - 400 * y + 2, -400 * x }, { -400 * x, 200 } });
    }

    /// <summary>A fixed non-symmetric 3x3 matrix for the quadratic form x^T A x.</summary>
    public static readonly Matrix<double> A = Matrix<double>.Build.DenseOfArray(new[,]
    {
        { 2.0, -1.0, 0.5 },
        { 3.0, 4.0, -2.0 },
        { 0.0, 1.5, 1.0 },
    });

    /// <summary>The quadratic form q(x) = x^T A x; grad q = (A + A^T) x, Hessian = A + A^T.</summary>
    public static double Quadratic(Vector<double> x) => x.DotProduct(A * x);
}
