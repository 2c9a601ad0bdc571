using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.Regularization;

/// <summary>
/// The normalisation step shared by batch norm and layer norm, as one differentiable op: each column of x is
/// centred by its mean and divided by its standard deviation, xhat_ij = (x_ij - mu_j) / sqrt(var_j + eps),
/// with mu_j = (1/N) sum_i x_ij and the biased var_j = (1/N) sum_i (x_ij - mu_j)^2 over the N rows.
/// </summary>
/// <remarks>
/// <para>Backward (Ioffe &amp; Szegedy 2015, sec. 3; the mean and the variance depend on every row, so every
/// x_kj moves every xhat_ij): with s_j = sqrt(var_j + eps),
/// d xhat_ij / d x_kj = (1/s_j) (delta_ik - 1/N - xhat_ij xhat_kj / N), hence for g = dL/dxhat
/// <code>
/// dx_ij = (1/N) (1/s_j) (N g_ij - sum_k g_kj - xhat_ij sum_k g_kj xhat_kj)
///       = (1/s_j) (g_ij - mean_k g_kj - xhat_ij mean_k (g_kj xhat_kj))
/// </code>
/// The formula is exact with eps inside the square root (eps only shifts s_j).</para>
/// <para>Two forms of the same rule, as for tanh: during a plain Backward() one fused loop over the arrays;
/// when the gradient must itself be differentiable (createGraph: true) the rule is built from Variable ops,
/// with 1/s_j recomputed from x so that second derivatives see its dependence on x.</para>
/// </remarks>
internal static class Standardization
{
    /// <summary>xhat per column, and the batch mean and biased variance of each column (1 x c rows).</summary>
    public static (Variable Normalized, double[] Mean, double[] Variance) PerColumn(Variable x, double epsilon)
    {
        var (n, c) = (x.Rows, x.Columns);
        var values = DenseKernels.ValuesOf(x.Value);
        var normalized = new DenseMatrix(n, c);
        var mean = new double[c];
        var variance = new double[c];
        var inverseStd = new double[c];
        for (var j = 0; j < c; j++)
        {
            var column = values.AsSpan(j * n, n);
            var mu = 0.0;
            foreach (var v in column) mu += v;
            mu /= n;
            var sumOfSquares = 0.0;
            foreach (var v in column) sumOfSquares += (v - mu) * (v - mu);
            (mean[j], variance[j]) = (mu, sumOfSquares / n);
            inverseStd[j] = 1.0 / Math.Sqrt(variance[j] + epsilon);
            var target = normalized.Values.AsSpan(j * n, n);
            for (var i = 0; i < n; i++) target[i] = (column[i] - mu) * inverseStd[j];
        }

        Variable? xhat = null;
        xhat = Variable.Custom("Standardize", normalized, [x], g => GradMode.IsEnabled
            ? [DifferentiableBackward(x, xhat!, g, epsilon)]
            : [Variable.Constant(FusedBackward(DenseKernels.ValuesOf(xhat!.Value), DenseKernels.ValuesOf(g.Value), inverseStd, n, c))]);
        return (xhat, mean, variance);
    }

    /// <summary>dx = (1/s) (g - mean(g) - xhat .* mean(g .* xhat)) per column, in one pass per column.</summary>
    private static DenseMatrix FusedBackward(double[] xhat, double[] g, double[] inverseStd, int n, int c)
    {
        var dx = new DenseMatrix(n, c);
        for (var j = 0; j < c; j++)
        {
            var gColumn = g.AsSpan(j * n, n);
            var xColumn = xhat.AsSpan(j * n, n);
            double sumG = 0.0, sumGx = 0.0;
            for (var i = 0; i < n; i++)
            {
                sumG += gColumn[i];
                sumGx += gColumn[i] * xColumn[i];
            }

            var (meanG, meanGx) = (sumG / n, sumGx / n);
            var target = dx.Values.AsSpan(j * n, n);
            for (var i = 0; i < n; i++) target[i] = inverseStd[j] * (gColumn[i] - meanG - xColumn[i] * meanGx);
        }

        return dx;
    }

    /// <summary>The same rule from Variable ops, so that it can be differentiated again.</summary>
    private static Variable DifferentiableBackward(Variable x, Variable xhat, Variable g, double epsilon)
    {
        var n = x.Rows;
        var centred = x - x.MeanPerColumn().BroadcastRow(n);
        var inverseStd = centred.Square().MeanPerColumn().AddScalar(epsilon).Pow(-0.5);
        var meanG = g.MeanPerColumn().BroadcastRow(n);
        var meanGx = g.PointwiseMultiply(xhat).MeanPerColumn().BroadcastRow(n);
        return (g - meanG - xhat.PointwiseMultiply(meanGx)).MultiplyRowVector(inverseStd);
    }
}
