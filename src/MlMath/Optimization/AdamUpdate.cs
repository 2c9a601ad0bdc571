using System.Buffers;
using System.Numerics.Tensors;

namespace MlMath.Optimization;

/// <summary>
/// The Adam moment update shared by <see cref="Adam"/> and <see cref="AdamW"/> (they differ only in how
/// weight decay enters): Kingma &amp; Ba, ICLR 2015, Algorithm 1, with the AMSGrad variant of Reddi, Kale &amp;
/// Kumar, ICLR 2018 (use the running maximum of v_hat).
/// </summary>
/// <remarks>
/// Written as whole-array passes with <see cref="TensorPrimitives"/> (each line below is one vectorised loop),
/// which is several times faster than one scalar loop with a square root and two divisions per weight.
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
        var correction1 = 1.0 - Math.Pow(beta1, state.Step);
        var correction2 = 1.0 - Math.Pow(beta2, state.Step);
        var rented = ArrayPool<double>.Shared.Rent(2 * n);
        try
        {
            var g = rented.AsSpan(0, n);
            var work = rented.AsSpan(n, n);
            if (l2 != 0.0) TensorPrimitives.MultiplyAdd(theta, l2, gradient, g); // g = grad + l2 theta
            else gradient.CopyTo(g);

            TensorPrimitives.Multiply(m, beta1, m);                              // m = b1 m
            TensorPrimitives.MultiplyAdd(g, 1.0 - beta1, m, m);                  //   + (1 - b1) g
            TensorPrimitives.Multiply(g, g, work);                               // work = g^2
            TensorPrimitives.Multiply(v, beta2, v);                              // v = b2 v
            TensorPrimitives.MultiplyAdd(work, 1.0 - beta2, v, v);               //   + (1 - b2) g^2
            TensorPrimitives.Multiply(v, 1.0 / correction2, work);               // work = v_hat
            if (amsgrad)
            {
                var vMax = state.Buffer("max_exp_avg_sq", n);
                TensorPrimitives.Max(vMax, work, vMax);                          // v_hat_max = max(v_hat_max, v_hat)
                vMax.CopyTo(work);
            }

            TensorPrimitives.Sqrt(work, work);                                   // sqrt(v_hat)
            TensorPrimitives.Add(work, epsilon, work);                           //   + eps
            TensorPrimitives.Divide(m, work, work);                              // m / (sqrt(v_hat) + eps)
            TensorPrimitives.MultiplyAdd(work, -learningRate / correction1, theta, theta); // theta -= lr m_hat / ...
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }
}
