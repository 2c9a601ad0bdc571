namespace MlMath.Manifolds;

/// <summary>
/// t-SNE's per-point calibration: the Gaussian precision beta_i = 1 / (2 sigma_i^2) for which the conditional
/// distribution p_{j|i} over a point's neighbours has a given perplexity.
/// </summary>
/// <remarks>
/// <para>van der Maaten and Hinton, "Visualizing data using t-SNE", JMLR 9, 2008, sec. 2:
/// p_{j|i} = exp(-beta_i d_ij^2) / sum_{l != i} exp(-beta_i d_il^2), and Perp(P_i) = 2^{H(P_i)} with the Shannon
/// entropy H(P_i) = -sum_j p_{j|i} log2 p_{j|i}. The perplexity is a smooth "effective number of neighbours";
/// H decreases monotonically in beta, so bisection finds beta_i: double beta while the entropy is too high
/// (and no upper bound is known), halve it while too low, otherwise bisect (as in the paper's reference code
/// and scikit-learn). Entropies are computed in nats against ln(perplexity), which is the same condition.</para>
/// <para>Numerics: the smallest squared distance is subtracted before exponentiating, which cancels in the
/// normalisation and prevents exp from underflowing to 0/0 for far-away neighbourhoods; then
/// H = ln(sum_j e_j) + beta sum_j d'_j p_j with d'_j = d_j^2 - min_l d_l^2 and e_j = exp(-beta d'_j).</para>
/// </remarks>
public static class PerplexitySearch
{
    /// <summary>
    /// Finds beta with Perp(p) = <paramref name="perplexity"/> (to |H - ln perplexity| &lt;= tolerance) and writes p_{j|i}.
    /// </summary>
    /// <param name="squaredDistances">d_ij^2 from point i to each of its candidate neighbours (i itself excluded); at least 2 entries, finite, non-negative.</param>
    /// <param name="perplexity">The target, 1 &lt; perplexity &lt; number of candidates.</param>
    /// <param name="probabilities">Receives p_{j|i} (same length as the distances), summing to 1.</param>
    /// <param name="tolerance">Tolerance on the entropy in nats.</param>
    /// <param name="maxSteps">The most bisection steps.</param>
    /// <returns>The precision beta_i = 1 / (2 sigma_i^2).</returns>
    /// <exception cref="ArgumentException">Lengths differ, or bad distances.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The perplexity is not in (1, number of candidates).</exception>
    public static double Calibrate(ReadOnlySpan<double> squaredDistances, double perplexity, Span<double> probabilities,
        double tolerance = 1e-5, int maxSteps = 100)
    {
        const string method = "PerplexitySearch.Calibrate";
        if (squaredDistances.Length != probabilities.Length || squaredDistances.Length < 2)
        {
            throw new ArgumentException(ManifoldChecks.F($"{method}: {squaredDistances.Length} distances and {probabilities.Length} probabilities; need equal lengths of at least 2."), nameof(probabilities));
        }

        if (!(perplexity > 1) || !(perplexity < squaredDistances.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(perplexity), perplexity, ManifoldChecks.F($"{method}: perplexity = {perplexity} must be between 1 and the number of neighbours {squaredDistances.Length} (exclusive)."));
        }

        var min = double.PositiveInfinity;
        foreach (var d in squaredDistances)
        {
            if (!(d >= 0) || !double.IsFinite(d)) throw new ArgumentException(ManifoldChecks.F($"{method}: squared distance {d} is not finite and non-negative."), nameof(squaredDistances));
            min = Math.Min(min, d);
        }

        return CalibrateUnchecked(squaredDistances, min, Math.Log(perplexity), probabilities, tolerance, maxSteps);
    }

    internal static double CalibrateUnchecked(ReadOnlySpan<double> squaredDistances, double min, double targetEntropy, Span<double> p, double tolerance, int maxSteps)
    {
        double beta = 1, betaMin = double.NegativeInfinity, betaMax = double.PositiveInfinity;
        for (var step = 0; step < maxSteps; step++)
        {
            var entropy = Distribution(squaredDistances, min, beta, p);
            var difference = entropy - targetEntropy;
            if (Math.Abs(difference) <= tolerance) break;
            if (difference > 0)
            {
                betaMin = beta; // too flat: sharpen
                beta = double.IsPositiveInfinity(betaMax) ? beta * 2 : (beta + betaMax) / 2;
            }
            else
            {
                betaMax = beta;
                beta = double.IsNegativeInfinity(betaMin) ? beta / 2 : (beta + betaMin) / 2;
            }
        }

        return beta;
    }

    /// <summary>Writes p_j = exp(-beta d'_j) / sum and returns the entropy in nats.</summary>
    private static double Distribution(ReadOnlySpan<double> squaredDistances, double min, double beta, Span<double> p)
    {
        var sum = 0.0;
        for (var j = 0; j < p.Length; j++)
        {
            p[j] = Math.Exp(-beta * (squaredDistances[j] - min));
            sum += p[j];
        }

        var weighted = 0.0;
        for (var j = 0; j < p.Length; j++)
        {
            p[j] /= sum;
            weighted += (squaredDistances[j] - min) * p[j];
        }

        return Math.Log(sum) + beta * weighted;
    }

    /// <summary>Perp(P) = exp(H(P)) = 2^{H_2(P)}, H(P) = -sum_j p_j ln p_j (terms with p_j = 0 count 0).</summary>
    public static double Perplexity(ReadOnlySpan<double> probabilities)
    {
        var h = 0.0;
        foreach (var p in probabilities)
        {
            if (p > 0) h -= p * Math.Log(p);
        }

        return Math.Exp(h);
    }
}
