using MathNet.Numerics.Distributions;
using MlMath.Data;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// Prices a European option by Monte Carlo: by the Feynman-Kac formula the Black-Scholes price is a risk-neutral
/// expectation, V = e^{-rT} E[payoff(S_T)] with dS = (r - q) S dt + sigma S dW, so the mean of discounted payoffs over
/// simulated paths converges to it at the rate sigma_payoff / sqrt(m) whatever the dimension (Glasserman,
/// <i>Monte Carlo Methods in Financial Engineering</i>, 2003, sections 1.1 and 1.2).
/// </summary>
/// <remarks>
/// Antithetic variates (Glasserman 2003, section 4.2): a path driven by Z and its mirror driven by -Z have negatively
/// correlated payoffs when the payoff is monotone in Z, so the pair average Y = (f(Z) + f(-Z)) / 2 has
/// Var Y = (Var f + Cov(f(Z), f(-Z))) / 2, less than the Var f / 2 of two independent paths. The m pair averages are the
/// independent samples of the confidence interval. With <see cref="SdeScheme.EulerMaruyama"/> the estimate also carries
/// the scheme's O(dt) bias, which the interval does not cover.
/// </remarks>
public static class MonteCarloPricer
{
    /// <summary>Estimates the price of <paramref name="option"/> at spot <paramref name="spot"/>, drawing from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">S0 is not finite and positive.</exception>
    public static MonteCarloEstimate Price(EuropeanOption option, BlackScholesModel model, double spot, Random random, MonteCarloOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        options ??= new MonteCarloOptions();
        if (!(spot > 0) || !double.IsFinite(spot))
        {
            throw new ArgumentOutOfRangeException(nameof(spot), spot, "MonteCarloPricer.Price: the spot S0 must be finite and > 0.");
        }

        var process = model.RiskNeutralProcess;
        var discount = Math.Exp(-model.Rate * option.Maturity);
        var dt = option.Maturity / options.TimeSteps;
        var z = new double[options.TimeSteps];
        var samples = options.Antithetic ? options.Paths / 2 : options.Paths;
        double DiscountedPayoff(double sign)
        {
            var s = spot;
            for (var n = 0; n < z.Length; n++) s = process.Step(s, dt, sign * z[n], options.Scheme);
            return discount * option.Payoff(s);
        }

        // Welford's running mean and sum of squared deviations (numerically stable one-pass variance).
        var (mean, m2) = (0.0, 0.0);
        for (var i = 0; i < samples; i++)
        {
            Gaussian.Fill(random, z);
            var y = options.Antithetic ? 0.5 * (DiscountedPayoff(1) + DiscountedPayoff(-1)) : DiscountedPayoff(1);
            var delta = y - mean;
            mean += delta / (i + 1);
            m2 += delta * (y - mean);
        }

        var standardError = Math.Sqrt(m2 / (samples - 1) / samples);
        var quantile = Normal.InvCDF(0, 1, 0.5 + options.ConfidenceLevel / 2);
        return new MonteCarloEstimate(mean, standardError, mean - quantile * standardError, mean + quantile * standardError,
            options.Antithetic ? 2 * samples : samples);
    }
}
