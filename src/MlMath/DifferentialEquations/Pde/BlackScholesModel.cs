using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// The Black-Scholes market (Black &amp; Scholes 1973; Merton 1973): a risk-free rate r, and a stock that pays a
/// continuous dividend yield q and follows geometric Brownian motion dS = mu S dt + sigma S dW. Under the risk-neutral
/// measure mu = r - q, and an option's price V(S, t) solves
/// V_t + 1/2 sigma^2 S^2 V_SS + (r - q) S V_S - r V = 0 (Hull, <i>Options, Futures, and Other Derivatives</i>, ch. 15).
/// </summary>
public sealed record BlackScholesModel
{
    /// <summary>Creates the market.</summary>
    /// <param name="rate">r, continuously compounded, per year (finite).</param>
    /// <param name="volatility">sigma &gt; 0, per square-root year.</param>
    /// <param name="dividendYield">q, continuous, per year (finite; default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite, or sigma &lt;= 0.</exception>
    public BlackScholesModel(double rate, double volatility, double dividendYield = 0.0)
    {
        if (!double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "BlackScholesModel: the rate r must be finite.");
        if (!double.IsFinite(dividendYield)) throw new ArgumentOutOfRangeException(nameof(dividendYield), dividendYield, "BlackScholesModel: the dividend yield q must be finite.");
        if (!(volatility > 0) || !double.IsFinite(volatility))
        {
            throw new ArgumentOutOfRangeException(nameof(volatility), volatility, string.Create(CultureInfo.InvariantCulture, $"BlackScholesModel: the volatility sigma = {volatility} must be finite and > 0."));
        }

        (Rate, Volatility, DividendYield) = (rate, volatility, dividendYield);
    }

    /// <summary>r.</summary>
    public double Rate { get; }

    /// <summary>sigma.</summary>
    public double Volatility { get; }

    /// <summary>q.</summary>
    public double DividendYield { get; }

    /// <summary>The risk-neutral dynamics of the stock: geometric Brownian motion with drift r - q and volatility sigma.</summary>
    public GeometricBrownianMotion RiskNeutralProcess => new(Rate - DividendYield, Volatility);
}
