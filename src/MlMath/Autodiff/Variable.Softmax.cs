using MlMath.LinearAlgebra;

namespace MlMath.Autodiff;

// Row-wise softmax and log-softmax: each row is one sample's scores over the classes. The forward values
// come from StableFunctions (one implementation of the max-shift trick); the backward rules live here.
public partial class Variable
{
    /// <summary>
    /// y_ij = e^(x_ij - m_i) / sum_k e^(x_ik - m_i) with m_i = max_k x_ik (subtracting the row maximum changes
    /// nothing mathematically and keeps every exponent &lt;= 0, so nothing overflows).
    /// Backward (Jacobian diag(y) - y y^T per row): dx = y .* (g - sum_k g_k y_k).
    /// </summary>
    public Variable SoftmaxRows()
    {
        Variable? y = null;
        y = FromOp("SoftmaxRows", DenseKernels.AsDense(StableFunctions.SoftmaxRows(Value)), [this], g =>
            [y!.PointwiseMultiply(g - g.PointwiseMultiply(y!).SumPerRow().BroadcastColumn(g.Columns))]);
        return y;
    }

    /// <summary>
    /// y_ij = x_ij - m_i - ln sum_k e^(x_ik - m_i) (the log-sum-exp trick; Goodfellow, Bengio &amp; Courville,
    /// Deep Learning, sec. 4.1). Backward: dx = g - softmax(x) .* sum_k g_k, with softmax(x) = e^y.
    /// </summary>
    public Variable LogSoftmaxRows()
    {
        Variable? y = null;
        y = FromOp("LogSoftmaxRows", DenseKernels.AsDense(StableFunctions.LogSoftmaxRows(Value)), [this], g =>
            [g - y!.Exp().PointwiseMultiply(g.SumPerRow().BroadcastColumn(g.Columns))]);
        return y;
    }
}
