using System.Runtime.Intrinsics;
using MlMath.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>
/// The Adam moment update shared by <see cref="Adam"/> and <see cref="AdamW"/> (they differ only in how
/// weight decay enters): Kingma &amp; Ba, ICLR 2015, Algorithm 1, with the AMSGrad variant of Reddi, Kale &amp;
/// Kumar, ICLR 2018 (use the running maximum of v_hat).
/// </summary>
/// <remarks>
/// One pass over the weights, four at a time in 256-bit vectors: each weight's g, m, v and theta are loaded
/// once, updated in registers and stored once. The earlier form, one whole-array pass per line of the
/// formula (a dozen), read and wrote every array a dozen times; for the 100,000 weights of a 784-128-10 MLP
/// (4 arrays of 800 KB, more than the 1 MiB L2 cache holds) that memory traffic made the update take
/// 0.5-0.6 ms instead of about 0.1. The last one to three weights take the same operations in scalar
/// form (each vector operation below has a scalar twin that rounds identically), so every weight gets
/// the bit-identical update wherever it sits, and large layers are split across cores.
/// </remarks>
internal static class AdamUpdate
{
    /// <summary>
    /// m &lt;- b1 m + (1 - b1) g;  v &lt;- b2 v + (1 - b2) g^2;  m_hat = m / (1 - b1^t);  v_hat = v / (1 - b2^t);
    /// (AMSGrad: v_hat &lt;- max(v_hat_max, v_hat));  theta &lt;- theta - lr m_hat / (sqrt(v_hat) + eps).
    /// g is the gradient plus <paramref name="l2"/> theta.
    /// </summary>
    public static void Apply(double[] theta, double[] gradient, OptimizerState state, double learningRate,
        double beta1, double beta2, double epsilon, double l2, bool amsgrad)
    {
        var n = theta.Length;
        var m = state.Buffer("exp_avg", n);
        var v = state.Buffer("exp_avg_sq", n);
        var vMax = amsgrad ? state.Buffer("max_exp_avg_sq", n) : null;
        var c = new Constants(beta1, beta2, 1.0 / (1.0 - Math.Pow(beta2, state.Step)), epsilon, l2,
            -learningRate / (1.0 - Math.Pow(beta1, state.Step)));

        // Large layers are split in two or more ranges updated on different cores (each weight's update is
        // independent of the others, so the split cannot change any result).
        int parts = n >= ParallelThreshold ? WorkSharing.HelperCount + 1 : 1;
        WorkSharing.For(parts, part =>
        {
            int start = (int)((long)n * part / parts) & ~3, end = part == parts - 1 ? n : (int)((long)n * (part + 1) / parts) & ~3;
            UpdateRange(theta, gradient, m, v, vMax, start, end, c);
        });
    }

    /// <summary>Weights below this count are updated on one thread: splitting costs more than it saves.</summary>
    /// <remarks>
    /// 4096 (a 64 x 64 weight matrix) rather than the 16384 where splitting starts to pay for the arithmetic alone:
    /// the halves of a column-major weight matrix are its two halves of columns, the same columns each core computed
    /// and differentiated in the layer's forward and backward pass (<see cref="Autodiff.Variable.Affine"/>), so each
    /// core updates weights that are already in its own cache. Done on one core, the update of the 2-64-64-1
    /// network's 64 x 64 weight took 12-19 us instead of 5, most of it taking the other core's cache lines back.
    /// </remarks>
    private const int ParallelThreshold = 4096;

    private static void UpdateRange(double[] theta, double[] gradient, double[] m, double[] v, double[]? vMax, int start, int end, in Constants c)
    {
        var i = start;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= end; i += 4)
            {
                UpdateFour(theta, gradient, m, v, vMax, i, c);
            }
        }

        for (; i < end; i++)
        {
            UpdateOne(theta, gradient, m, v, vMax, i, c);
        }
    }

    /// <summary>The step's constants: b1, b2, 1 / (1 - b2^t), eps, the L2 factor, and -lr / (1 - b1^t).</summary>
    private readonly record struct Constants(double Beta1, double Beta2, double InverseCorrection2, double Epsilon, double L2, double StepScale);

    private static void UpdateFour(double[] theta, double[] gradient, double[] m, double[] v, double[]? vMax, int i, in Constants c)
    {
        var t = Vector256.Create(theta.AsSpan(i, 4));
        var g = Vector256.FusedMultiplyAdd(Vector256.Create(c.L2), t, Vector256.Create(gradient.AsSpan(i, 4)));          // g + l2 theta
        var mi = Vector256.FusedMultiplyAdd(g, Vector256.Create(1.0 - c.Beta1), Vector256.Create(c.Beta1) * Vector256.Create(m.AsSpan(i, 4)));   // b1 m + (1 - b1) g
        var vi = Vector256.FusedMultiplyAdd(g * g, Vector256.Create(1.0 - c.Beta2), Vector256.Create(c.Beta2) * Vector256.Create(v.AsSpan(i, 4))); // b2 v + (1 - b2) g^2
        var vHat = vi * Vector256.Create(c.InverseCorrection2);
        if (vMax is not null)
        {
            vHat = Vector256.Max(Vector256.Create(vMax.AsSpan(i, 4)), vHat);
            vHat.CopyTo(vMax.AsSpan(i, 4));
        }

        var step = mi / (Vector256.Sqrt(vHat) + Vector256.Create(c.Epsilon));                                                // m / (sqrt(v_hat) + eps)
        Vector256.FusedMultiplyAdd(step, Vector256.Create(c.StepScale), t).CopyTo(theta.AsSpan(i, 4));                       // theta - lr m_hat / ...
        mi.CopyTo(m.AsSpan(i, 4));
        vi.CopyTo(v.AsSpan(i, 4));
    }

    private static void UpdateOne(double[] theta, double[] gradient, double[] m, double[] v, double[]? vMax, int i, in Constants c)
    {
        var t = theta[i];
        var g = Math.FusedMultiplyAdd(c.L2, t, gradient[i]);
        var mi = Math.FusedMultiplyAdd(g, 1.0 - c.Beta1, c.Beta1 * m[i]);
        var vi = Math.FusedMultiplyAdd(g * g, 1.0 - c.Beta2, c.Beta2 * v[i]);
        var vHat = vi * c.InverseCorrection2;
        if (vMax is not null)
        {
            vHat = Math.Max(vMax[i], vHat);
            vMax[i] = vHat;
        }

        var step = mi / (Math.Sqrt(vHat) + c.Epsilon);
        theta[i] = Math.FusedMultiplyAdd(step, c.StepScale, t);
        m[i] = mi;
        v[i] = vi;
    }
}
