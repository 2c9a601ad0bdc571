using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Exercises;

/// <summary>
/// Exercises on manifold learning (docs/04b-manifold-learning.md). Run
/// <c>dotnet test tests/MlMath.Exercises -p:Learner=true --filter Manifold</c>.
/// </summary>
public static class ManifoldExercises
{
    /// <summary>
    /// Exercise 4b.1 (double centring). Given the n x n squared distances D2 of some points, return the Gram
    /// matrix of the centred points, B = -1/2 J D2 J with J = I - (1/n) 1 1^T. Do it in O(n^2): expand J D2 J
    /// entrywise in terms of row means, column means and the grand mean of D2 instead of forming J.
    /// </summary>
    public static Matrix<double> DoubleCenter(Matrix<double> squaredDistances) =>
        throw new NotImplementedException("Exercise 4b.1: B_ij = -1/2 (D2_ij - rowmean_i - colmean_j + grandmean).");

    /// <summary>
    /// Exercise 4b.2 (a perplexity search). For one point's squared distances d_j to its candidate neighbours,
    /// find the precision beta with perplexity exp(H) = <paramref name="perplexity"/>, where
    /// p_j = exp(-beta d_j) / sum_l exp(-beta d_l) and H = -sum_j p_j ln p_j, to |H - ln perplexity| &lt;= 1e-6.
    /// H decreases as beta grows: bisect (double beta until H is too small, then halve the bracket). Return beta.
    /// (Subtract min d before exponentiating: why does it not change p?)
    /// </summary>
    public static double PerplexityPrecision(double[] squaredDistances, double perplexity) =>
        throw new NotImplementedException("Exercise 4b.2: bisection on beta until the entropy is ln(perplexity).");

    /// <summary>
    /// Exercise 4b.3 (trustworthiness). With r(i, j) the rank of j among i's neighbours in the original space
    /// (1 = nearest) and U_k(i) the points among i's k nearest in the embedding but not in the original space,
    /// return T(k) = 1 - 2 / (n k (2n - 3k - 1)) sum_i sum_{j in U_k(i)} (r(i, j) - k) (Venna and Kaski 2001).
    /// Use Euclidean distances; an O(n^2 log n) solution (sort each point's distances) is fine.
    /// </summary>
    public static double Trustworthiness(Matrix<double> original, Matrix<double> embedded, int k) =>
        throw new NotImplementedException("Exercise 4b.3: rank the original neighbours, penalise the intruders of the embedding.");
}
