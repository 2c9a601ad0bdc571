using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Explainability;

/// <summary>
/// Exact Shapley values of a prediction, from all 2^d coalitions of features (Shapley, "A value for n-person
/// games", Contributions to the Theory of Games II, 1953; for model explanations Strumbelj &amp; Kononenko, 2014,
/// and Lundberg &amp; Lee, NeurIPS 2017):
/// <c>phi_j = sum_{S subset of N \ {j}} |S|! (d - |S| - 1)! / d! [v(S u {j}) - v(S)]</c>.
/// </summary>
/// <remarks>
/// <para>The value of a coalition S is the prediction with the features of S taken from the explained instance x
/// and the others from a baseline, or averaged over the rows z of a background data set:
/// v(S) = mean_z f(x_S, z_{not S}) (the "interventional" expectation; it breaks correlations between features,
/// so it explains the model rather than the data).</para>
/// <para>phi is the unique attribution with efficiency (sum_j phi_j = v(N) - v(empty) = f(x) - E f), symmetry
/// (two features that add the same to every coalition get the same value), dummy (a feature that adds nothing
/// to any coalition gets 0) and additivity (phi of f + g is phi of f plus phi of g).</para>
/// <para>Cost: 2^d coalitions times the background size in predictions, so exact values are limited to
/// <see cref="MaxFeatures"/> features; use <see cref="KernelShap"/> beyond.</para>
/// </remarks>
public static class ShapleyValues
{
    /// <summary>The largest number of features for exact Shapley values (2^15 = 32768 coalitions).</summary>
    public const int MaxFeatures = 15;

    /// <summary>Exact Shapley values of f(x) relative to a single baseline point (v(S) = f(x_S, baseline_{not S})).</summary>
    /// <param name="predictor">The model: a feature matrix (one row per sample) to one prediction per row.</param>
    /// <param name="instance">The point x to explain, length d, finite.</param>
    /// <param name="baseline">The reference point, length d, finite.</param>
    /// <returns>phi, the base value f(baseline) and the prediction f(x).</returns>
    /// <exception cref="ArgumentException">Lengths differ, an entry is not finite, or d exceeds
    /// <see cref="MaxFeatures"/> (the message points to <see cref="KernelShap"/>).</exception>
    /// <exception cref="InvalidOperationException">The predictor does not return one finite value per row.</exception>
    public static ShapleyResult Exact(Func<Matrix<double>, Vector<double>> predictor, Vector<double> instance, Vector<double> baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return Exact(predictor, instance, baseline.ToRowMatrix());
    }

    /// <summary>Exact Shapley values of f(x) with coalition values averaged over a background data set,
    /// v(S) = (1/m) sum_b f(x_S, z^b_{not S}); the base value is then the mean prediction over the background.</summary>
    /// <param name="predictor">The model: a feature matrix to one prediction per row.</param>
    /// <param name="instance">The point x to explain, length d, finite.</param>
    /// <param name="background">m x d reference rows (e.g. a sample of the training set), finite.</param>
    /// <returns>phi, the base value E_background f and the prediction f(x).</returns>
    /// <exception cref="ArgumentException">Shapes differ, an entry is not finite, or d exceeds <see cref="MaxFeatures"/>.</exception>
    /// <exception cref="InvalidOperationException">The predictor does not return one finite value per row.</exception>
    public static ShapleyResult Exact(Func<Matrix<double>, Vector<double>> predictor, Vector<double> instance, Matrix<double> background)
    {
        const string method = "ShapleyValues.Exact";
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Count > MaxFeatures)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: {instance.Count} features need 2^{instance.Count} coalitions; exact Shapley values support at most {MaxFeatures} features. Use KernelShap.Explain, which samples coalitions, instead."),
                nameof(instance));
        }

        var game = new CoalitionGame(predictor, instance, background, method);
        var d = game.FeatureCount;
        var coalitions = 1 << d;
        var masks = new ulong[coalitions];
        for (var s = 0; s < coalitions; s++) masks[s] = (ulong)s;
        var v = game.Values(masks);

        // weight[k] = k! (d - k - 1)! / d!, the probability that the features before j in a random order are a given set of size k.
        var weight = new double[d];
        for (var k = 0; k < d; k++) weight[k] = 1.0 / (d * Binomial(d - 1, k));

        var phi = Vector<double>.Build.Dense(d);
        for (var j = 0; j < d; j++)
        {
            var bit = 1 << j;
            var sum = 0.0;
            for (var s = 0; s < coalitions; s++)
            {
                if ((s & bit) != 0) continue;
                sum += weight[System.Numerics.BitOperations.PopCount((uint)s)] * (v[s | bit] - v[s]);
            }

            phi[j] = sum;
        }

        return new ShapleyResult(phi, v[0], v[coalitions - 1]);
    }

    /// <summary>The binomial coefficient C(n, k) as a double (exact while it is below 2^53).</summary>
    internal static double Binomial(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++) result = result * (n - k + i) / i;
        return Math.Round(result);
    }
}
