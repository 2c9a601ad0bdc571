using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Autodiff;

// Row-wise softmax and log-softmax: each row is one sample's scores over the classes.
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
        y = FromOp("SoftmaxRows", SoftmaxValues(Value), [this], g =>
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
        y = FromOp("LogSoftmaxRows", LogSoftmaxValues(Value), [this], g =>
            [g - y!.Exp().PointwiseMultiply(g.SumPerRow().BroadcastColumn(g.Columns))]);
        return y;
    }

    /// <summary>Row-wise softmax e^(x - m) / sum e^(x - m), computed directly (exp of the log-softmax would
    /// inherit the rounding of m + ln sum, about 1e-13 relative when m = 1000).</summary>
    private static DenseMatrix SoftmaxValues(MathNet.Numerics.LinearAlgebra.Matrix<double> x)
    {
        var (rows, columns) = (x.RowCount, x.ColumnCount);
        var values = DenseKernels.ValuesOf(x);
        var result = new DenseMatrix(rows, columns);
        var output = result.Values;
        for (var i = 0; i < rows; i++)
        {
            var max = double.NegativeInfinity;
            for (var j = 0; j < columns; j++) max = Math.Max(max, values[i + j * rows]);
            var sum = 0.0;
            for (var j = 0; j < columns; j++) sum += output[i + j * rows] = Math.Exp(values[i + j * rows] - max);
            for (var j = 0; j < columns; j++) output[i + j * rows] /= sum;
        }

        return result;
    }

    /// <summary>Row-wise log-softmax of a matrix by the max-shift trick; a row of all -infinity gives NaN.</summary>
    private static DenseMatrix LogSoftmaxValues(MathNet.Numerics.LinearAlgebra.Matrix<double> x)
    {
        var (rows, columns) = (x.RowCount, x.ColumnCount);
        var values = DenseKernels.ValuesOf(x);
        var result = new DenseMatrix(rows, columns);
        var output = result.Values;
        for (var i = 0; i < rows; i++)
        {
            var max = double.NegativeInfinity;
            for (var j = 0; j < columns; j++) max = Math.Max(max, values[i + j * rows]);
            var sum = 0.0;
            for (var j = 0; j < columns; j++) sum += Math.Exp(values[i + j * rows] - max);
            // (x - m) - ln sum, in that order: x - (m + ln sum) would round m + ln sum at m's magnitude.
            var logSum = Math.Log(sum);
            for (var j = 0; j < columns; j++) output[i + j * rows] = (values[i + j * rows] - max) - logSum;
        }

        return result;
    }
}
