using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.Graphs;

/// <summary>
/// The elementwise loops of the fused activation + dropout ops, four doubles at a time. The choice between the
/// two branches of ReLU or ELU is made per lane with a compare and a select instead of an if: the sign of a
/// hidden activation is a coin toss, and a mispredicted branch per element made the plain loop about five
/// times slower than this one. Each lane computes exactly the scalar formula, so results are bit-identical.
/// </summary>
internal static class ActivationKernels
{
    /// <summary>
    /// With y holding the dropout mask m on entry: y = m ELU(x) and d = m ELU'(x), where d holds e^x on entry
    /// (ELU(x) = x and ELU'(x) = 1 for x &gt; 0, else e^x - 1 and e^x).
    /// </summary>
    public static unsafe void EluDropout(double[] x, double[] y, double[] d, int length)
    {
        var k = 0;
        fixed (double* xp = x, yp = y, dp = d)
        {
            for (; k <= length - 4; k += 4)
            {
                var (v, m, e) = (Vector256.Load(xp + k), Vector256.Load(yp + k), Vector256.Load(dp + k));
                var positive = Vector256.GreaterThan(v, Vector256<double>.Zero);
                Vector256.Store(Vector256.ConditionalSelect(positive, v * m, (e - Vector256<double>.One) * m), yp + k);
                Vector256.Store(Vector256.ConditionalSelect(positive, m, m * e), dp + k);
            }
        }

        for (; k < length; k++)
        {
            var (v, m, e) = (x[k], y[k], d[k]);
            y[k] = v > 0.0 ? v * m : (e - 1.0) * m;
            d[k] = v > 0.0 ? m : m * e;
        }
    }

    /// <summary>With d holding the dropout mask m on entry: d = m where x &gt; 0 (else 0), y = x d.</summary>
    public static unsafe void ReluDropout(double[] x, double[] d, double[] y, int length)
    {
        var k = 0;
        fixed (double* xp = x, yp = y, dp = d)
        {
            for (; k <= length - 4; k += 4)
            {
                var v = Vector256.Load(xp + k);
                var m = Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<double>.Zero), Vector256.Load(dp + k), Vector256<double>.Zero);
                Vector256.Store(m, dp + k);
                Vector256.Store(v * m, yp + k);
            }
        }

        for (; k < length; k++)
        {
            if (!(x[k] > 0.0)) d[k] = 0.0;
            y[k] = x[k] * d[k];
        }
    }

    /// <summary>dx = g .* (s where y &gt; 0, else 0): the backward rule of <see cref="GraphOps.ReluDropout"/> from its output y.</summary>
    public static unsafe DenseMatrix ReluDropoutBackward(double[] g, double[] y, double scale, int rows, int columns)
    {
        var result = DenseKernels.Uninitialized(rows, columns);
        var dx = result.Values;
        var k = 0;
        fixed (double* gp = g, yp = y, dp = dx)
        {
            var (s, length) = (Vector256.Create(scale), y.Length);
            for (; k <= length - 4; k += 4)
            {
                var m = Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Load(yp + k), Vector256<double>.Zero), s, Vector256<double>.Zero);
                Vector256.Store(Vector256.Load(gp + k) * m, dp + k);
            }
        }

        for (; k < y.Length; k++) dx[k] = g[k] * (y[k] > 0.0 ? scale : 0.0);
        return result;
    }
}
