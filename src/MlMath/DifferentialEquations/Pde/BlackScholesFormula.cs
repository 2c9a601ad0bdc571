using System.Globalization;
using MathNet.Numerics.Distributions;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// The closed-form Black-Scholes-Merton price of a European option and its Greeks (Black &amp; Scholes 1973; Merton
/// 1973; Hull, <i>Options, Futures, and Other Derivatives</i>, sections 15.8 and 19.2-19.8). With tau the time to
/// maturity, d1 = (ln(S/K) + (r - q + sigma^2/2) tau) / (sigma sqrt(tau)) and d2 = d1 - sigma sqrt(tau):
/// call C = S e^{-q tau} N(d1) - K e^{-r tau} N(d2), put P = K e^{-r tau} N(-d2) - S e^{-q tau} N(-d1),
/// where N is the standard normal distribution function.
/// </summary>
public static class BlackScholesFormula
{
    /// <summary>The price V(S, 0) of <paramref name="option"/> at spot <paramref name="spot"/> (tau = T).</summary>
    /// <exception cref="ArgumentOutOfRangeException">S is not finite and positive.</exception>
    public static double Price(EuropeanOption option, BlackScholesModel model, double spot)
    {
        var (d1, d2, discountedSpot, discountedStrike) = Terms(option, model, spot);
        return option.Type == OptionType.Call
            ? discountedSpot * Normal.CDF(0, 1, d1) - discountedStrike * Normal.CDF(0, 1, d2)
            : discountedStrike * Normal.CDF(0, 1, -d2) - discountedSpot * Normal.CDF(0, 1, -d1);
    }

    /// <summary>
    /// The Greeks at spot S (phi is the standard normal density):
    /// delta = e^{-q tau} N(d1) (call) or e^{-q tau} (N(d1) - 1) (put); gamma = e^{-q tau} phi(d1) / (S sigma sqrt(tau));
    /// vega = S e^{-q tau} phi(d1) sqrt(tau); theta = -S e^{-q tau} phi(d1) sigma / (2 sqrt(tau)) -/+ r K e^{-r tau} N(+/-d2)
    /// +/- q S e^{-q tau} N(+/-d1) (upper signs for a call); rho = K tau e^{-r tau} N(d2) (call) or -K tau e^{-r tau} N(-d2) (put).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">S is not finite and positive.</exception>
    public static OptionGreeks Greeks(EuropeanOption option, BlackScholesModel model, double spot)
    {
        var (d1, d2, discountedSpot, discountedStrike) = Terms(option, model, spot);
        var (tau, sigma, r, q) = (option.Maturity, model.Volatility, model.Rate, model.DividendYield);
        var density = Normal.PDF(0, 1, d1);
        var sign = option.Type == OptionType.Call ? 1.0 : -1.0;
        var nd1 = Normal.CDF(0, 1, sign * d1);
        var nd2 = Normal.CDF(0, 1, sign * d2);
        var delta = sign * Math.Exp(-q * tau) * nd1;
        var gamma = Math.Exp(-q * tau) * density / (spot * sigma * Math.Sqrt(tau));
        var vega = discountedSpot * density * Math.Sqrt(tau);
        var theta = -discountedSpot * density * sigma / (2 * Math.Sqrt(tau)) - sign * r * discountedStrike * nd2 + sign * q * discountedSpot * nd1;
        var rho = sign * tau * discountedStrike * nd2;
        return new OptionGreeks(delta, gamma, vega, theta, rho);
    }

    private static (double D1, double D2, double DiscountedSpot, double DiscountedStrike) Terms(EuropeanOption option, BlackScholesModel model, double spot)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(model);
        if (!(spot > 0) || !double.IsFinite(spot))
        {
            throw new ArgumentOutOfRangeException(nameof(spot), spot, string.Create(CultureInfo.InvariantCulture, $"BlackScholesFormula: the spot S = {spot} must be finite and > 0."));
        }

        var (tau, sigma) = (option.Maturity, model.Volatility);
        var d1 = (Math.Log(spot / option.Strike) + (model.Rate - model.DividendYield + 0.5 * sigma * sigma) * tau) / (sigma * Math.Sqrt(tau));
        return (d1, d1 - sigma * Math.Sqrt(tau), spot * Math.Exp(-model.DividendYield * tau), option.Strike * Math.Exp(-model.Rate * tau));
    }
}
