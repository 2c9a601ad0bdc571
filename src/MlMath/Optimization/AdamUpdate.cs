namespace MlMath.Optimization;

/// <summary>
/// The Adam moment update shared by <see cref="Adam"/> and <see cref="AdamW"/> (they differ only in how
/// weight decay enters): Kingma &amp; Ba, ICLR 2015, Algorithm 1, with the AMSGrad variant of Reddi, Kale &amp;
/// Kumar, ICLR 2018 (use the running maximum of v_hat).
/// </summary>
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
        var m = state.Buffer("exp_avg", theta.Length);
        var v = state.Buffer("exp_avg_sq", theta.Length);
        var vMax = amsgrad ? state.Buffer("max_exp_avg_sq", theta.Length) : null;
        var correction1 = 1.0 - Math.Pow(beta1, state.Step);
        var correction2 = 1.0 - Math.Pow(beta2, state.Step);
        for (var k = 0; k < theta.Length; k++)
        {
            var g = gradient[k] + l2 * theta[k];
            m[k] = beta1 * m[k] + (1.0 - beta1) * g;
            v[k] = beta2 * v[k] + (1.0 - beta2) * g * g;
            var vHat = v[k] / correction2;
            if (vMax is not null) vHat = vMax[k] = Math.Max(vMax[k], vHat);
            theta[k] -= learningRate * (m[k] / correction1) / (Math.Sqrt(vHat) + epsilon);
        }
    }
}
