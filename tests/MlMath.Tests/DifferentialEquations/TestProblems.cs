using MathNet.Numerics.LinearAlgebra;
using MlMath.DifferentialEquations;

namespace MlMath.Tests.DifferentialEquations;

/// <summary>Named test problems with their closed forms or published reference values.</summary>
internal static class TestProblems
{
    /// <summary>y' = y cos t, y(0) = 1, exact y = exp(sin t).</summary>
    public static OdeProblem ExpSin(double t1) =>
        new((t, y, dy) => dy[0] = y[0] * Math.Cos(t), Vector<double>.Build.Dense([1.0]), 0, t1);

    public static double ExpSinExact(double t) => Math.Exp(Math.Sin(t));

    /// <summary>Lotka-Volterra x' = a x - b x y, y' = -c y + d x y with a = 1.5, b = 1, c = 3, d = 1, (1, 1), t in [0, 10] (issue 8).</summary>
    public static OdeProblem LotkaVolterra(double t1 = 10) =>
        new((t, y, dy) =>
        {
            dy[0] = 1.5 * y[0] - y[0] * y[1];
            dy[1] = -3 * y[1] + y[0] * y[1];
        }, Vector<double>.Build.Dense([1.0, 1.0]), 0, t1);

    /// <summary>Van der Pol y1' = y2, y2' = mu (1 - y1^2) y2 - y1, y0 = (2, 0): the form of MATLAB's vdp1000 and of
    /// Shampine &amp; Reichelt (1997); for mu = 1000 its period is about (3 - 2 ln 2) mu = 1614 (Hairer &amp; Wanner II, IV.1).</summary>
    public static OdeProblem VanDerPol(double mu, double t1) =>
        new((t, y, dy) =>
        {
            dy[0] = y[1];
            dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
        }, Vector<double>.Build.Dense([2.0, 0.0]), 0, t1,
        (t, y, j) =>
        {
            j[0, 0] = 0;
            j[0, 1] = 1;
            j[1, 0] = -2 * mu * y[0] * y[1] - 1;
            j[1, 1] = mu * (1 - y[0] * y[0]);
        });

    /// <summary>Robertson's chemical kinetics (Robertson 1966; Hairer &amp; Wanner II, IV.1, eq. (1.3)).</summary>
    public static OdeProblem Robertson(double t1, bool withJacobian) =>
        new((t, y, dy) =>
        {
            dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
            dy[2] = 3e7 * y[1] * y[1];
            dy[1] = -dy[0] - dy[2];
        }, Vector<double>.Build.Dense([1.0, 0.0, 0.0]), 0, t1,
        withJacobian
            ? (t, y, j) =>
            {
                j[0, 0] = -0.04; j[0, 1] = 1e4 * y[2]; j[0, 2] = 1e4 * y[1];
                j[2, 0] = 0; j[2, 1] = 6e7 * y[1]; j[2, 2] = 0;
                j[1, 0] = 0.04; j[1, 1] = -1e4 * y[2] - 6e7 * y[1]; j[1, 2] = -1e4 * y[1];
            }
            : null);
}
