using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.LinearAlgebra;

namespace MlMath.Explainability;

/// <summary>
/// Kernel SHAP (Lundberg &amp; Lee, "A unified approach to interpreting model predictions", NeurIPS 2017,
/// Theorem 2): Shapley values as the solution of a weighted linear regression over coalitions z in {0,1}^d,
/// <c>min_phi sum_z pi(z) (v(z) - phi_0 - sum_j z_j phi_j)^2</c> with the Shapley kernel
/// <c>pi(z) = (d - 1) / (C(d, |z|) |z| (d - |z|))</c>, subject to phi_0 = v(empty) and
/// sum_j phi_j = v(N) - v(empty) (the two coalitions of infinite weight).
/// </summary>
/// <remarks>
/// <para>Over all 2^d - 2 proper coalitions the regression's solution is exactly the Shapley value; Kernel SHAP
/// instead samples coalitions, so its cost grows with the sample count, not with 2^d, and its answer converges
/// to the exact values as the sample count grows (consistency of weighted least squares).</para>
/// <para>Sampling (as in the reference implementation): a coalition size s in 1..d-1 is drawn with probability
/// proportional to the total kernel weight of that size, (d - 1) / (s (d - s)), then a uniformly random set of s
/// features; each draw is paired with its complement (which has the same weight), which cancels much of the
/// sampling noise. Drawn in proportion to pi, every sample has weight 1 in the regression. When the sample count
/// reaches 2^d - 2, all coalitions are enumerated with their exact weights instead, and the result is exact.</para>
/// <para>The constraint sum_j phi_j = Delta = v(N) - v(empty) is eliminated by substituting
/// phi_d = Delta - sum_{j&lt;d} phi_j: the regression of y(z) - z_d Delta on the columns z_j - z_d (j &lt; d), with
/// y(z) = v(z) - v(empty), solved by Householder QR on the sqrt(pi)-weighted rows (<see cref="LeastSquares.Qr"/>).</para>
/// </remarks>
public static class KernelShap
{
    /// <summary>The largest number of features (coalitions are 64-bit masks).</summary>
    public const int MaxFeatures = 64;

    /// <summary>Kernel SHAP values of f(x) relative to a single baseline point; see the type's remarks.</summary>
    /// <param name="predictor">The model: a feature matrix (one row per sample) to one prediction per row.</param>
    /// <param name="instance">The point x to explain, length d (2 to <see cref="MaxFeatures"/>), finite.</param>
    /// <param name="baseline">The reference point, length d, finite.</param>
    /// <param name="sampleCount">The number of coalitions to evaluate (rounded up to an even number for pairing); at
    /// least 2; from 2^d - 2 on, all coalitions are used and the values are exact.</param>
    /// <param name="random">The source of the sampled coalitions.</param>
    /// <returns>phi, the base value f(baseline) and the prediction f(x).</returns>
    /// <exception cref="ArgumentException">Lengths differ, an entry is not finite, or d is outside 1 .. <see cref="MaxFeatures"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">sampleCount is below 2.</exception>
    /// <exception cref="InvalidOperationException">The predictor misbehaves, or the sampled coalitions do not determine
    /// the values (too few samples: increase sampleCount).</exception>
    public static ShapleyResult Explain(Func<Matrix<double>, Vector<double>> predictor, Vector<double> instance, Vector<double> baseline,
        int sampleCount, Random random)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return Explain(predictor, instance, baseline.ToRowMatrix(), sampleCount, random);
    }

    /// <summary>Kernel SHAP values of f(x) with coalition values averaged over a background data set; see the type's remarks.</summary>
    /// <param name="predictor">The model: a feature matrix to one prediction per row.</param>
    /// <param name="instance">The point x to explain, length d, finite.</param>
    /// <param name="background">m x d reference rows, finite.</param>
    /// <param name="sampleCount">The number of coalitions to evaluate; at least 2.</param>
    /// <param name="random">The source of the sampled coalitions.</param>
    /// <returns>phi, the base value E_background f and the prediction f(x).</returns>
    /// <exception cref="ArgumentException">Shapes differ, an entry is not finite, or d exceeds <see cref="MaxFeatures"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">sampleCount is below 2.</exception>
    /// <exception cref="InvalidOperationException">The predictor misbehaves, or the samples do not determine the values.</exception>
    public static ShapleyResult Explain(Func<Matrix<double>, Vector<double>> predictor, Vector<double> instance, Matrix<double> background,
        int sampleCount, Random random)
    {
        const string method = "KernelShap.Explain";
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(random);
        if (instance.Count > MaxFeatures)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: {instance.Count} features; Kernel SHAP supports at most {MaxFeatures}."), nameof(instance));
        }

        ExplainabilityChecks.AtLeast(sampleCount, 2, method, nameof(sampleCount));
        var game = new CoalitionGame(predictor, instance, background, method);
        var d = game.FeatureCount;
        var ends = game.Values([0UL, game.FullMask]);
        var (baseValue, prediction) = (ends[0], ends[1]);
        var delta = prediction - baseValue;
        if (d == 1) return new ShapleyResult(Vector<double>.Build.Dense(1, delta), baseValue, prediction);

        var (masks, weights) = d < 31 && sampleCount >= (1L << d) - 2 ? AllCoalitions(d) : SampledCoalitions(d, sampleCount, random);
        var v = game.Values(masks);

        // Row k: sqrt(w_k) (z_j - z_d) for j < d; right-hand side sqrt(w_k) (v_k - v0 - z_d Delta).
        var a = Matrix<double>.Build.Dense(masks.Count, d - 1);
        var b = Vector<double>.Build.Dense(masks.Count);
        for (var k = 0; k < masks.Count; k++)
        {
            var root = Math.Sqrt(weights[k]);
            var zd = (double)(masks[k] >> (d - 1) & 1UL);
            for (var j = 0; j < d - 1; j++) a[k, j] = root * ((masks[k] >> j & 1UL) - zd);
            b[k] = root * (v[k] - baseValue - (zd * delta));
        }

        Vector<double> solution;
        try
        {
            solution = LeastSquares.Qr(a, b).Solution;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: the {masks.Count} coalitions do not determine the {d} values (rank-deficient regression); increase sampleCount."), e);
        }

        var phi = Vector<double>.Build.Dense(d);
        for (var j = 0; j < d - 1; j++) phi[j] = solution[j];
        phi[d - 1] = delta - solution.Sum();
        return new ShapleyResult(phi, baseValue, prediction);
    }

    /// <summary>pi(z) = (d - 1) / (C(d, s) s (d - s)) for a coalition of size s, 0 &lt; s &lt; d.</summary>
    public static double KernelWeight(int featureCount, int coalitionSize)
    {
        if (coalitionSize <= 0 || coalitionSize >= featureCount)
        {
            throw new ArgumentOutOfRangeException(nameof(coalitionSize), coalitionSize, string.Create(CultureInfo.InvariantCulture,
                $"KernelShap.KernelWeight: the size must be in 1..{featureCount - 1} (the empty and full coalitions have infinite weight and enter as constraints)."));
        }

        return (featureCount - 1) / (ShapleyValues.Binomial(featureCount, coalitionSize) * coalitionSize * (featureCount - coalitionSize));
    }

    private static (List<ulong> Masks, List<double> Weights) AllCoalitions(int d)
    {
        var masks = new List<ulong>();
        var weights = new List<double>();
        for (var s = 1UL; s < (1UL << d) - 1; s++)
        {
            masks.Add(s);
            weights.Add(KernelWeight(d, System.Numerics.BitOperations.PopCount(s)));
        }

        return (masks, weights);
    }

    private static (List<ulong> Masks, List<double> Weights) SampledCoalitions(int d, int sampleCount, Random random)
    {
        // Cumulative distribution of the size s, P(s) proportional to (d - 1) / (s (d - s)).
        var cumulative = new double[d];
        for (var s = 1; s < d; s++) cumulative[s] = cumulative[s - 1] + (1.0 / (s * (d - s)));
        var masks = new List<ulong>();
        var features = Enumerable.Range(0, d).ToArray();
        var full = d == 64 ? ulong.MaxValue : (1UL << d) - 1;
        for (var pair = 0; pair < (sampleCount + 1) / 2; pair++)
        {
            var u = random.NextDouble() * cumulative[d - 1];
            var size = 1;
            while (size < d - 1 && cumulative[size] <= u) size++;

            // A uniformly random subset of the given size: the first `size` entries of a partial Fisher-Yates shuffle.
            var mask = 0UL;
            for (var i = 0; i < size; i++)
            {
                var pick = i + random.Next(d - i);
                (features[i], features[pick]) = (features[pick], features[i]);
                mask |= 1UL << features[i];
            }

            masks.Add(mask);
            masks.Add(full & ~mask);
        }

        return (masks, Enumerable.Repeat(1.0, masks.Count).ToList());
    }
}
