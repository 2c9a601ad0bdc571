using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Exercises;

/// <summary>Worked solutions of exercises 4b.1 to 4b.3.</summary>
public static class ManifoldExercises
{
    /// <summary>
    /// Exercise 4b.1: (J D2 J)_ij = D2_ij - r_i - c_j + g with row means r, column means c and grand mean g,
    /// because J subtracts the mean of every column (from the left) and of every row (from the right).
    /// </summary>
    public static Matrix<double> DoubleCenter(Matrix<double> squaredDistances)
    {
        var n = squaredDistances.RowCount;
        var rowMeans = squaredDistances.RowSums() / n;
        var columnMeans = squaredDistances.ColumnSums() / n;
        var grand = rowMeans.Sum() / n;
        return DenseMatrix.Create(n, n, (i, j) => -0.5 * (squaredDistances[i, j] - rowMeans[i] - columnMeans[j] + grand));
    }

    /// <summary>
    /// Exercise 4b.2: bisection on beta. Shifting every d_j by the same constant multiplies every exp(-beta d_j)
    /// by the same factor, which the normalisation cancels, so subtracting min d only prevents underflow.
    /// </summary>
    public static double PerplexityPrecision(double[] squaredDistances, double perplexity)
    {
        var target = Math.Log(perplexity);
        var min = squaredDistances.Min();
        double beta = 1, low = 0, high = double.PositiveInfinity;
        for (var step = 0; step < 200; step++)
        {
            var weights = squaredDistances.Select(d => Math.Exp(-beta * (d - min))).ToArray();
            var sum = weights.Sum();
            var entropy = -weights.Select(w => w / sum).Where(p => p > 0).Sum(p => p * Math.Log(p));
            if (Math.Abs(entropy - target) <= 1e-6) break;
            if (entropy > target)
            {
                low = beta;
                beta = double.IsPositiveInfinity(high) ? 2 * beta : (beta + high) / 2;
            }
            else
            {
                high = beta;
                beta = (beta + low) / 2;
            }
        }

        return beta;
    }

    /// <summary>Exercise 4b.3: sort each point's original distances to get ranks, then sum the intruders' excess ranks.</summary>
    public static double Trustworthiness(Matrix<double> original, Matrix<double> embedded, int k)
    {
        var n = original.RowCount;
        double Distance(Matrix<double> m, int i, int j) => (m.Row(i) - m.Row(j)).L2Norm();
        var penalty = 0.0;
        for (var i = 0; i < n; i++)
        {
            var others = Enumerable.Range(0, n).Where(j => j != i).ToArray();
            var byOriginal = others.OrderBy(j => Distance(original, i, j)).ToArray();
            var rank = new int[n];
            for (var r = 0; r < byOriginal.Length; r++) rank[byOriginal[r]] = r + 1;
            var nearestOriginal = byOriginal.Take(k).ToHashSet();
            foreach (var j in others.OrderBy(j => Distance(embedded, i, j)).Take(k))
            {
                if (!nearestOriginal.Contains(j)) penalty += rank[j] - k;
            }
        }

        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
    }
}
