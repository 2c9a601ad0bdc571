using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>A European option: exercisable only at its maturity T, with payoff max(S_T - K, 0) (call) or max(K - S_T, 0) (put).</summary>
public sealed record EuropeanOption
{
    /// <summary>Creates the option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">K or T is not finite and positive.</exception>
    public EuropeanOption(OptionType type, double strike, double maturity)
    {
        if (!(strike > 0) || !double.IsFinite(strike))
        {
            throw new ArgumentOutOfRangeException(nameof(strike), strike, string.Create(CultureInfo.InvariantCulture, $"EuropeanOption: the strike K = {strike} must be finite and > 0."));
        }

        if (!(maturity > 0) || !double.IsFinite(maturity))
        {
            throw new ArgumentOutOfRangeException(nameof(maturity), maturity, string.Create(CultureInfo.InvariantCulture, $"EuropeanOption: the maturity T = {maturity} (years) must be finite and > 0."));
        }

        (Type, Strike, Maturity) = (type, strike, maturity);
    }

    /// <summary>Call or put.</summary>
    public OptionType Type { get; }

    /// <summary>K.</summary>
    public double Strike { get; }

    /// <summary>T, the time to maturity in years.</summary>
    public double Maturity { get; }

    /// <summary>The payoff at maturity for a final spot price S.</summary>
    public double Payoff(double spot) => Type == OptionType.Call ? Math.Max(spot - Strike, 0) : Math.Max(Strike - spot, 0);
}
