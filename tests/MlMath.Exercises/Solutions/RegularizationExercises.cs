using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Exercises;

/// <summary>Worked solutions of exercises 3.1 to 3.4.</summary>
public static class RegularizationExercises
{
    /// <summary>
    /// Exercise 3.1: E[y] = (1 - p) x / (1 - p) + p 0 = x. Without the factor the network would see inputs (1 - p)
    /// times smaller in training than at test time, where nothing is dropped.
    /// </summary>
    public static Matrix<double> InvertedDropout(Matrix<double> x, double p, Random random)
    {
        var y = x.Clone();
        for (var j = 0; j < x.ColumnCount; j++)
        {
            for (var i = 0; i < x.RowCount; i++) y[i, j] = random.NextDouble() < p ? 0.0 : x[i, j] / (1.0 - p);
        }

        return y;
    }

    /// <summary>
    /// Exercise 3.2: E[y^2] = (1 - p) x^2 / (1 - p)^2 = x^2 / (1 - p) and E[y]^2 = x^2, so
    /// Var(y) = x^2 (1 / (1 - p) - 1) = x^2 p / (1 - p).
    /// </summary>
    public static double DropoutVariance(double x, double p) => x * x * p / (1.0 - p);

    /// <summary>
    /// Exercise 3.3: with sigma = sqrt(var + eps), d xhat_i / d x_k = (1/sigma)(delta_ik - 1/N - xhat_i xhat_k / N)
    /// (the mean contributes -1/N, the variance the xhat xhat term). With g = gamma dy (the gradient at xhat),
    /// dx_i = (1/sigma)(g_i - mean(g) - xhat_i mean(g xhat)); dgamma = sum dy xhat; dbeta = sum dy.
    /// </summary>
    public static (Matrix<double> Input, Matrix<double> Scale, Matrix<double> Shift) BatchNormBackward(
        Matrix<double> x, Matrix<double> gamma, Matrix<double> dy, double epsilon)
    {
        var (n, d) = (x.RowCount, x.ColumnCount);
        var dx = Matrix<double>.Build.Dense(n, d);
        var dgamma = Matrix<double>.Build.Dense(1, d);
        var dbeta = Matrix<double>.Build.Dense(1, d);
        for (var j = 0; j < d; j++)
        {
            var column = x.Column(j);
            var mean = column.Sum() / n;
            var sigma = Math.Sqrt((column - mean).PointwisePower(2).Sum() / n + epsilon);
            var xhat = (column - mean) / sigma;
            var g = dy.Column(j) * gamma[0, j];
            var meanG = g.Sum() / n;
            var meanGx = g.DotProduct(xhat) / n;
            dx.SetColumn(j, (g - meanG - xhat * meanGx) / sigma);
            dgamma[0, j] = dy.Column(j).DotProduct(xhat);
            dbeta[0, j] = dy.Column(j).Sum();
        }

        return (dx, dgamma, dbeta);
    }

    /// <summary>Exercise 3.4: one pass, keeping the best loss, its epoch and the epochs since.</summary>
    public static (int StopEpoch, int BestEpoch) EarlyStoppingEpochs(IReadOnlyList<double> losses, int patience, double minDelta)
    {
        var (best, bestEpoch, waited) = (double.PositiveInfinity, 0, 0);
        for (var epoch = 1; epoch <= losses.Count; epoch++)
        {
            if (losses[epoch - 1] < best - minDelta) (best, bestEpoch, waited) = (losses[epoch - 1], epoch, 0);
            else if (++waited >= patience) return (epoch, bestEpoch);
        }

        return (losses.Count, bestEpoch);
    }
}
