using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Optimization;

namespace MlMath.Tests.Optimization;

/// <summary>
/// Unconstrained test problems from J. J. Moré, B. S. Garbow and K. E. Hillstrom, "Testing unconstrained
/// optimization software", ACM Transactions on Mathematical Software 7(1), 17-41, 1981 (MGH): each is a sum of
/// squares f(x) = sum_i r_i(x)^2 with the starting point and minimum given in the paper. Gradients are written out
/// by hand, g = 2 J' r, and checked against finite differences in <see cref="MinimizerConvergenceTests"/>.
/// </summary>
internal static class MoreGarbowHillstrom
{
    /// <summary>A named problem: objective, standard start x0, the global minimum f* and a minimizer x* (when known).</summary>
    internal sealed record Problem(string Name, IDifferentiableObjective Objective, double[] X0, double MinimumValue, double[]? Minimizer)
    {
        public Vector<double> Start => DenseVector.OfArray(X0);

        public override string ToString() => Name;
    }

    /// <summary>An objective from residuals r(x) and their Jacobian J(x) (m x n): f = r'r, g = 2 J'r.</summary>
    private sealed class SumOfSquares(Func<double[], double[]> residuals, Func<double[], double[,]> jacobian) : IDifferentiableObjective
    {
        public double Evaluate(Vector<double> x, Vector<double> gradient)
        {
            var xs = x.ToArray();
            var r = residuals(xs);
            var j = jacobian(xs);
            for (var k = 0; k < xs.Length; k++)
            {
                var sum = 0.0;
                for (var i = 0; i < r.Length; i++) sum += j[i, k] * r[i];
                gradient[k] = 2.0 * sum;
            }

            return r.Sum(ri => ri * ri);
        }
    }

    /// <summary>MGH problem 21, extended Rosenbrock: r_{2i-1} = 10 (x_{2i} - x_{2i-1}^2), r_{2i} = 1 - x_{2i-1}; written over arrays.</summary>
    internal sealed class ExtendedRosenbrock : IDifferentiableObjective
    {
        public double Evaluate(Vector<double> x, Vector<double> gradient)
        {
            var f = 0.0;
            for (var i = 0; i < x.Count; i += 2)
            {
                var (a, b) = (x[i], x[i + 1]);
                var t = b - a * a;
                f += 100.0 * t * t + (1.0 - a) * (1.0 - a);
                gradient[i] = -400.0 * a * t - 2.0 * (1.0 - a);
                gradient[i + 1] = 200.0 * t;
            }

            return f;
        }
    }

    /// <summary>MGH 21 with n variables from (-1.2, 1, -1.2, 1, ...); f* = 0 at (1, ..., 1).</summary>
    public static Problem ExtendedRosenbrockProblem(int n) => new(
        $"Extended Rosenbrock n={n}", new ExtendedRosenbrock(),
        Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray(), 0.0, Enumerable.Repeat(1.0, n).ToArray());

    /// <summary>MGH 1, Rosenbrock: f* = 0 at (1, 1) from (-1.2, 1).</summary>
    public static Problem Rosenbrock => ExtendedRosenbrockProblem(2) with { Name = "Rosenbrock" };

    /// <summary>MGH 2, Freudenstein and Roth: f* = 0 at (5, 4); also a local minimum f = 48.9842... at (11.41, -0.8968).</summary>
    public static Problem FreudensteinRoth => new("Freudenstein-Roth", new SumOfSquares(
        x => [-13.0 + x[0] + ((5.0 - x[1]) * x[1] - 2.0) * x[1], -29.0 + x[0] + ((x[1] + 1.0) * x[1] - 14.0) * x[1]],
        x => new double[,] { { 1.0, 10.0 * x[1] - 3.0 * x[1] * x[1] - 2.0 }, { 1.0, 3.0 * x[1] * x[1] + 2.0 * x[1] - 14.0 } }),
        [0.5, -2.0], 0.0, [5.0, 4.0]);

    /// <summary>The local minimum of Freudenstein-Roth reported by MGH: f = 48.9842...</summary>
    public const double FreudensteinRothLocalMinimum = 48.98425367924;

    /// <summary>MGH 4, Brown badly scaled: f* = 0 at (1e6, 2e-6) from (1, 1).</summary>
    public static Problem BrownBadlyScaled => new("Brown badly scaled", new SumOfSquares(
        x => [x[0] - 1e6, x[1] - 2e-6, x[0] * x[1] - 2.0],
        x => new double[,] { { 1.0, 0.0 }, { 0.0, 1.0 }, { x[1], x[0] } }),
        [1.0, 1.0], 0.0, [1e6, 2e-6]);

    /// <summary>MGH 5, Beale: f* = 0 at (3, 0.5) from (1, 1).</summary>
    public static Problem Beale => new("Beale", new SumOfSquares(
        x => [1.5 - x[0] * (1.0 - x[1]), 2.25 - x[0] * (1.0 - x[1] * x[1]), 2.625 - x[0] * (1.0 - x[1] * x[1] * x[1])],
        x => new double[,]
        {
            { -(1.0 - x[1]), x[0] },
            { -(1.0 - x[1] * x[1]), 2.0 * x[0] * x[1] },
            { -(1.0 - x[1] * x[1] * x[1]), 3.0 * x[0] * x[1] * x[1] },
        }),
        [1.0, 1.0], 0.0, [3.0, 0.5]);

    /// <summary>
    /// MGH 7, helical valley: r1 = 10 (x3 - 10 theta), r2 = 10 (sqrt(x1^2 + x2^2) - 1), r3 = x3, with
    /// 2 pi theta = arctan(x2 / x1) (+ pi when x1 &lt; 0); f* = 0 at (1, 0, 0) from (-1, 0, 0).
    /// </summary>
    public static Problem HelicalValley => new("Helical valley", new SumOfSquares(
        x => [10.0 * (x[2] - 10.0 * Theta(x[0], x[1])), 10.0 * (Math.Sqrt(x[0] * x[0] + x[1] * x[1]) - 1.0), x[2]],
        x =>
        {
            var r2 = x[0] * x[0] + x[1] * x[1];
            var r = Math.Sqrt(r2);
            var (dTheta1, dTheta2) = (-x[1] / (2.0 * Math.PI * r2), x[0] / (2.0 * Math.PI * r2));
            return new double[,] { { -100.0 * dTheta1, -100.0 * dTheta2, 10.0 }, { 10.0 * x[0] / r, 10.0 * x[1] / r, 0.0 }, { 0.0, 0.0, 1.0 } };
        }),
        [-1.0, 0.0, 0.0], 0.0, [1.0, 0.0, 0.0]);

    private static double Theta(double x1, double x2) =>
        x1 > 0.0 ? Math.Atan(x2 / x1) / (2.0 * Math.PI)
        : x1 < 0.0 ? Math.Atan(x2 / x1) / (2.0 * Math.PI) + 0.5
        : 0.25 * Math.Sign(x2);

    /// <summary>MGH 13, Powell singular: f* = 0 at the origin (singular Hessian there) from (3, -1, 0, 1).</summary>
    public static Problem PowellSingular => new("Powell singular", new SumOfSquares(
        x => [x[0] + 10.0 * x[1], Math.Sqrt(5.0) * (x[2] - x[3]), Math.Pow(x[1] - 2.0 * x[2], 2), Math.Sqrt(10.0) * Math.Pow(x[0] - x[3], 2)],
        x => new double[,]
        {
            { 1.0, 10.0, 0.0, 0.0 },
            { 0.0, 0.0, Math.Sqrt(5.0), -Math.Sqrt(5.0) },
            { 0.0, 2.0 * (x[1] - 2.0 * x[2]), -4.0 * (x[1] - 2.0 * x[2]), 0.0 },
            { 2.0 * Math.Sqrt(10.0) * (x[0] - x[3]), 0.0, 0.0, -2.0 * Math.Sqrt(10.0) * (x[0] - x[3]) },
        }),
        [3.0, -1.0, 0.0, 1.0], 0.0, [0.0, 0.0, 0.0, 0.0]);

    /// <summary>MGH 14, Wood: f* = 0 at (1, 1, 1, 1) from (-3, -1, -3, -1).</summary>
    public static Problem Wood => new("Wood", new SumOfSquares(
        x =>
        [
            10.0 * (x[1] - x[0] * x[0]), 1.0 - x[0], Math.Sqrt(90.0) * (x[3] - x[2] * x[2]), 1.0 - x[2],
            Math.Sqrt(10.0) * (x[1] + x[3] - 2.0), (x[1] - x[3]) / Math.Sqrt(10.0),
        ],
        x => new double[,]
        {
            { -20.0 * x[0], 10.0, 0.0, 0.0 },
            { -1.0, 0.0, 0.0, 0.0 },
            { 0.0, 0.0, -2.0 * Math.Sqrt(90.0) * x[2], Math.Sqrt(90.0) },
            { 0.0, 0.0, -1.0, 0.0 },
            { 0.0, Math.Sqrt(10.0), 0.0, Math.Sqrt(10.0) },
            { 0.0, 1.0 / Math.Sqrt(10.0), 0.0, -1.0 / Math.Sqrt(10.0) },
        }),
        [-3.0, -1.0, -3.0, -1.0], 0.0, [1.0, 1.0, 1.0, 1.0]);

    /// <summary>All the small problems (n &lt;= 4).</summary>
    public static IEnumerable<Problem> Small => [Rosenbrock, FreudensteinRoth, BrownBadlyScaled, Beale, HelicalValley, PowellSingular, Wood];
}
