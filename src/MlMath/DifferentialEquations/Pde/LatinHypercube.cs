using MathNet.Numerics.LinearAlgebra;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// Latin hypercube samples in the unit cube (McKay, Beckman &amp; Conover 1979): for each dimension j an independent
/// random permutation pi_j of 0..n-1, and point i has coordinate x_ij = (pi_j(i) + U_ij) / n with U_ij ~ U[0, 1).
/// </summary>
public static class LatinHypercube
{
    /// <summary>An n x d matrix of Latin hypercube points in [0, 1)^d, drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n or d is not positive.</exception>
    public static Matrix<double> Sample(int count, int dimensions, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        var points = Matrix<double>.Build.Dense(count, dimensions);
        var strata = new int[count];
        for (var j = 0; j < dimensions; j++)
        {
            for (var i = 0; i < count; i++) strata[i] = i;
            random.Shuffle(strata);
            for (var i = 0; i < count; i++) points[i, j] = (strata[i] + random.NextDouble()) / count;
        }

        return points;
    }
}
