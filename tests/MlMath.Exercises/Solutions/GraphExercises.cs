using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Exercises;

/// <summary>Worked solutions of exercises 4.1 to 4.3.</summary>
public static class GraphExercises
{
    /// <summary>
    /// Exercise 4.1: A_hat[i, j] = (A + I)[i, j] / sqrt(d_i d_j). For the path, d = (2, 3, 2), so A_hat[0, 1] = 1 / sqrt(6).
    /// A_hat is similar to D^-1 (A + I), a row-stochastic matrix whose largest eigenvalue is 1 (eigenvector all ones).
    /// </summary>
    public static Matrix<double> NormalizedAdjacency(Matrix<double> adjacency)
    {
        var n = adjacency.RowCount;
        var withLoops = adjacency + Matrix<double>.Build.DenseIdentity(n);
        var inverseSqrt = withLoops.RowSums().Map(d => 1.0 / Math.Sqrt(d));
        return Matrix<double>.Build.Dense(n, n, (i, j) => withLoops[i, j] * inverseSqrt[i] * inverseSqrt[j]);
    }

    /// <summary>Exercise 4.2: message x_j, mean aggregation, update ReLU(W_self^T x_i + W_neigh^T m_i).</summary>
    public static Matrix<double> MessagePassingStep(Matrix<double> adjacency, Matrix<double> x, Matrix<double> selfWeight, Matrix<double> neighbourWeight)
    {
        var n = x.RowCount;
        var mean = Matrix<double>.Build.Dense(n, x.ColumnCount);
        for (var i = 0; i < n; i++)
        {
            var count = 0;
            for (var j = 0; j < n; j++)
            {
                if (adjacency[i, j] == 0.0) continue;
                mean.SetRow(i, mean.Row(i) + x.Row(j));
                count++;
            }

            if (count > 0) mean.SetRow(i, mean.Row(i) / count);
        }

        return (x * selfWeight + mean * neighbourWeight).PointwiseMaximum(0.0);
    }

    /// <summary>
    /// Exercise 4.3: the shift cancels, exp(e - m) / sum exp(e_k - m) = exp(e) / sum exp(e_k); it only keeps the
    /// exponentials from overflowing.
    /// </summary>
    public static Matrix<double> AttentionCoefficients(Matrix<double> adjacency, Matrix<double> h, Vector<double> aSource, Vector<double> aTarget)
    {
        var n = h.RowCount;
        var alpha = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            var neighbours = Enumerable.Range(0, n).Where(j => j == i || adjacency[i, j] != 0.0).ToArray();
            var scores = neighbours.Select(j =>
            {
                var e = aSource.DotProduct(h.Row(j)) + aTarget.DotProduct(h.Row(i));
                return e > 0.0 ? e : 0.2 * e;
            }).ToArray();
            var max = scores.Max();
            var sum = scores.Sum(e => Math.Exp(e - max));
            for (var k = 0; k < neighbours.Length; k++) alpha[i, neighbours[k]] = Math.Exp(scores[k] - max) / sum;
        }

        return alpha;
    }
}
