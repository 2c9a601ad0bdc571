using System.Globalization;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.LinearAlgebra;

/// <summary>
/// Numerically stable log-sum-exp, softmax, log-softmax and logistic sigmoid: the functions that turn
/// scores (logits) into probabilities in classifiers, attention and losses.
/// </summary>
/// <remarks>
/// <para>
/// <b>Why the max-shift trick.</b> Evaluated naively, <c>log(sum_i exp(x_i))</c> overflows as soon as one
/// <c>x_i &gt; 709.78</c> (<c>exp</c> exceeds <see cref="double.MaxValue"/> and the result is +infinity) and
/// underflows to <c>log(0) = -infinity</c> when every <c>x_i &lt; -745</c>. For any constant <c>m</c>,
/// <c>log sum_i exp(x_i) = m + log sum_i exp(x_i - m)</c>; choosing <c>m = max_i x_i</c> makes every exponent
/// <c>&lt;= 0</c> (no overflow) and one of them exactly <c>0</c>, so the sum lies in <c>[1, n]</c> (no
/// underflow to <c>log 0</c>). Softmax is invariant under the same shift,
/// <c>softmax(x)_i = exp(x_i - m) / sum_j exp(x_j - m)</c>, and log-softmax is
/// <c>x_i - logsumexp(x)</c>, which keeps tiny probabilities accurate in log space instead of rounding
/// them to 0 first. See Blanchard, Higham and Higham, "Accurately computing the log-sum-exp and softmax
/// functions", IMA J. Numer. Anal. 41 (2021), and Goodfellow, Bengio and Courville, Deep Learning (2016),
/// sec. 4.1.
/// </para>
/// <para>
/// <b>Infinities and NaN.</b> A <c>-infinity</c> entry means "probability zero" (a masked score):
/// <c>softmax([-inf, 0]) = [0, 1]</c>. A vector (or row) whose entries are all <c>-infinity</c> has
/// log-sum-exp <c>-infinity</c> (the empty sum is 0), but its softmax is <c>0/0</c>: Softmax, SoftmaxRows and
/// LogSoftmaxRows throw an <see cref="ArgumentException"/> naming the row rather than return NaN.
/// <c>+infinity</c> entries are treated as the limit <c>x_k -&gt; +infinity</c>: log-sum-exp is
/// <c>+infinity</c> and softmax splits the mass equally among the <c>+infinity</c> entries (log-softmax is
/// <c>-log(count)</c> there and <c>-infinity</c> elsewhere). A NaN entry makes the whole result (of that
/// vector or row) NaN: NaN in, NaN out, so that an upstream error stays visible instead of being masked.
/// </para>
/// <para>
/// Matrix versions work row by row (a row is one sample's scores) on a row-major copy using
/// <see cref="TensorPrimitives"/>; inputs are never modified.
/// </para>
/// </remarks>
public static class StableFunctions
{
    /// <summary>
    /// Log-sum-exp, <c>LSE(x) = m + log(sum_i exp(x_i - m))</c> with <c>m = max_i x_i</c>.
    /// </summary>
    /// <remarks>Blanchard, Higham and Higham (2021), the shifted formula. See the type's
    /// remarks for infinities and NaN.</remarks>
    /// <param name="x">The scores; must not be empty.</param>
    /// <returns>log(sum_i exp(x_i)), without overflow or underflow.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static double LogSumExp(Vector<double> x)
    {
        ArgumentChecks.NotEmpty(x, nameof(LogSumExp), nameof(x));
        double[] values = x.ToArray();
        return LogSumExpInPlace(values);
    }

    /// <summary>
    /// Log-sum-exp of every row: <c>result_i = LSE(x[i, :])</c>, each row shifted by its own maximum.
    /// </summary>
    /// <param name="x">An n x k matrix of scores (k &gt;= 1).</param>
    /// <returns>A vector of length n.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has no columns or no rows.</exception>
    public static Vector<double> LogSumExpRows(Matrix<double> x)
    {
        double[] rowMajor = RowMajorCopy(x, nameof(LogSumExpRows));
        int k = x.ColumnCount;
        var result = Vector<double>.Build.Dense(x.RowCount);
        for (int i = 0; i < x.RowCount; i++)
        {
            result[i] = LogSumExpInPlace(rowMajor.AsSpan(i * k, k));
        }

        return result;
    }

    /// <summary>
    /// Softmax, <c>softmax(x)_i = exp(x_i - m) / sum_j exp(x_j - m)</c> with <c>m = max_j x_j</c>.
    /// </summary>
    /// <remarks>Goodfellow, Bengio and Courville, Deep Learning (2016), sec. 4.1 and 6.2.2.3.</remarks>
    /// <param name="x">The scores; must not be empty nor all <c>-infinity</c>.</param>
    /// <returns>Probabilities that are &gt;= 0 and sum to 1 (up to rounding).</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or all its entries are -infinity.</exception>
    public static Vector<double> Softmax(Vector<double> x)
    {
        ArgumentChecks.NotEmpty(x, nameof(Softmax), nameof(x));
        double[] values = x.ToArray();
        SoftmaxInPlace(values, nameof(Softmax), nameof(x), row: null);
        return Vector<double>.Build.Dense(values);
    }

    /// <summary>Softmax of every row: <c>result[i, :] = softmax(x[i, :])</c>; each row sums to 1.</summary>
    /// <param name="x">An n x k matrix of scores; no row may be all <c>-infinity</c>.</param>
    /// <returns>An n x k matrix of row-wise probabilities.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or has a row of only -infinity.</exception>
    public static Matrix<double> SoftmaxRows(Matrix<double> x)
    {
        double[] rowMajor = RowMajorCopy(x, nameof(SoftmaxRows));
        int k = x.ColumnCount;
        for (int i = 0; i < x.RowCount; i++)
        {
            SoftmaxInPlace(rowMajor.AsSpan(i * k, k), nameof(SoftmaxRows), nameof(x), row: i);
        }

        return Matrix<double>.Build.DenseOfRowMajor(x.RowCount, k, rowMajor);
    }

    /// <summary>
    /// Log-softmax of every row: <c>result[i, j] = x[i, j] - LSE(x[i, :])</c>.
    /// </summary>
    /// <remarks>Computing <c>x - LSE(x)</c> directly keeps log-probabilities far below <c>log(1e-308)</c>
    /// exact, where <c>log(softmax(x))</c> would give <c>-infinity</c> (Blanchard, Higham and Higham
    /// 2021). This is the input a cross-entropy loss wants.</remarks>
    /// <param name="x">An n x k matrix of scores; no row may be all <c>-infinity</c>.</param>
    /// <returns>An n x k matrix of row-wise log-probabilities (each row's exp sums to 1).</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or has a row of only -infinity.</exception>
    public static Matrix<double> LogSoftmaxRows(Matrix<double> x)
    {
        double[] rowMajor = RowMajorCopy(x, nameof(LogSoftmaxRows));
        int k = x.ColumnCount;
        for (int i = 0; i < x.RowCount; i++)
        {
            LogSoftmaxInPlace(rowMajor.AsSpan(i * k, k), nameof(LogSoftmaxRows), nameof(x), i);
        }

        return Matrix<double>.Build.DenseOfRowMajor(x.RowCount, k, rowMajor);
    }

    /// <summary>One row of <see cref="LogSoftmaxRows"/>, in place: <c>row[j] = (row[j] - m) - log(sum_l exp(row[l] - m))</c>.</summary>
    /// <remarks>Also the row step of the fused cross-entropy over selected rows (<c>Losses.SoftmaxCrossEntropy</c>),
    /// which so gives the same bits as log-softmax followed by the negative log-likelihood.</remarks>
    internal static void LogSoftmaxInPlace(Span<double> row, string method, string name, int rowIndex)
    {
        double max = TensorPrimitives.Max<double>(row);
        ThrowIfAllNegativeInfinity(max, method, name, rowIndex);
        if (double.IsPositiveInfinity(max))
        {
            double logShare = -Math.Log(CountPositiveInfinities(row));
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = double.IsPositiveInfinity(row[j]) ? logShare : double.NegativeInfinity;
            }

            return;
        }

        // x_j - LSE(x) = (x_j - m) - log(sum_l exp(x_l - m)); NaN in the row propagates through max.
        TensorPrimitives.Subtract(row, max, row);
        double logSum = Math.Log(SumOfExp(row));
        TensorPrimitives.Subtract(row, logSum, row);
    }

    /// <summary>
    /// The logistic sigmoid <c>sigma(x) = 1 / (1 + exp(-x))</c>, evaluated through <c>z = exp(-|x|)</c>:
    /// <c>sigma(x) = 1 / (1 + z)</c> for <c>x &gt;= 0</c> and <c>z / (1 + z)</c> for <c>x &lt; 0</c>.
    /// </summary>
    /// <remarks>
    /// <c>z</c> lies in <c>(0, 1]</c>, so nothing overflows: the naive form computes <c>exp(800)</c> =
    /// +infinity for <c>x = -800</c>, and the equivalent naive <c>exp(x) / (1 + exp(x))</c> is
    /// infinity/infinity = NaN for <c>x = 800</c>. For <c>x &lt; 0</c> the result is <c>z / (1 + z)</c>, accurate to
    /// full relative precision down to the smallest subnormal; below about <c>x = -745</c> the true value
    /// (e.g. 3.7e-348 at -800) is smaller than any double and the result is 0. NaN gives NaN.
    /// Bishop, Pattern Recognition and Machine Learning (2006), sec. 4.2, eq. 4.59.
    /// </remarks>
    /// <param name="x">Any real number.</param>
    /// <returns>A value in [0, 1].</returns>
    public static double Sigmoid(double x)
    {
        double z = Math.Exp(-Math.Abs(x));
        return x >= 0 ? 1.0 / (1.0 + z) : z / (1.0 + z);
    }

    /// <summary>The logistic sigmoid applied to every entry: <c>result[i, j] = sigma(x[i, j])</c>.</summary>
    /// <remarks>Uses the scalar <see cref="Sigmoid(double)"/>, so both overloads compute the same bits.</remarks>
    /// <param name="x">Any matrix.</param>
    /// <returns>A new matrix of the same shape with entries in [0, 1].</returns>
    public static Matrix<double> Sigmoid(Matrix<double> x)
    {
        ArgumentChecks.NotNull(x, nameof(Sigmoid), nameof(x));
        return x.Map(Sigmoid, MathNet.Numerics.LinearAlgebra.Zeros.Include);
    }

    /// <summary>LSE of <paramref name="values"/>, overwriting them with scratch results.</summary>
    private static double LogSumExpInPlace(Span<double> values)
    {
        double max = TensorPrimitives.Max<double>(values);
        if (!double.IsFinite(max))
        {
            // NaN: NaN. +inf: the sum is +inf. -inf: every entry is -inf, an empty sum, log(0) = -inf.
            return max;
        }

        TensorPrimitives.Subtract(values, max, values);
        VectorMath.Exp(values, values);
        return max + Math.Log(TensorPrimitives.Sum<double>(values));
    }

    /// <summary>Overwrites <paramref name="values"/> with their softmax.</summary>
    private static void SoftmaxInPlace(Span<double> values, string method, string name, int? row)
    {
        double max = TensorPrimitives.Max<double>(values);
        ThrowIfAllNegativeInfinity(max, method, name, row);
        if (double.IsPositiveInfinity(max))
        {
            double share = 1.0 / CountPositiveInfinities(values);
            for (int j = 0; j < values.Length; j++)
            {
                values[j] = double.IsPositiveInfinity(values[j]) ? share : 0.0;
            }

            return;
        }

        // exp(x_j - m) / sum_l exp(x_l - m); NaN in the input makes max NaN and so every entry NaN.
        TensorPrimitives.Subtract(values, max, values);
        VectorMath.Exp(values, values);
        double sum = TensorPrimitives.Sum<double>(values);
        TensorPrimitives.Divide(values, sum, values);
    }

    /// <summary>sum_j exp(shifted_j) without modifying <paramref name="shifted"/>.</summary>
    private static double SumOfExp(ReadOnlySpan<double> shifted)
    {
        // a row of class scores is short: no heap array per row (the values are the same either way)
        Span<double> scratch = shifted.Length <= 64 ? stackalloc double[shifted.Length] : new double[shifted.Length];
        VectorMath.Exp(shifted, scratch);
        return TensorPrimitives.Sum<double>(scratch);
    }

    private static int CountPositiveInfinities(ReadOnlySpan<double> values)
    {
        int count = 0;
        foreach (double v in values)
        {
            if (double.IsPositiveInfinity(v))
            {
                count++;
            }
        }

        return count;
    }

    private static void ThrowIfAllNegativeInfinity(double max, string method, string name, int? row)
    {
        if (double.IsNegativeInfinity(max))
        {
            string where = row is { } i ? string.Create(CultureInfo.InvariantCulture, $"row {i} of {name}") : name;
            throw new ArgumentException(
                $"{method}: {where} is entirely -infinity, so its softmax is 0/0 (its log-sum-exp is -infinity)",
                name);
        }
    }

    private static double[] RowMajorCopy(Matrix<double> x, string method)
    {
        ArgumentChecks.NotNull(x, method, nameof(x));
        if (x.RowCount == 0 || x.ColumnCount == 0)
        {
            throw new ArgumentException($"{method}: x is {ArgumentChecks.Shape(x)}; it needs at least one row and one column", nameof(x));
        }

        return x.ToRowMajorArray();
    }
}
