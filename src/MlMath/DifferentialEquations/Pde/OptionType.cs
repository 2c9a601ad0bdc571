namespace MlMath.DifferentialEquations.Pde;

/// <summary>The right an option gives its holder at maturity.</summary>
public enum OptionType
{
    /// <summary>The right to buy at the strike: payoff max(S - K, 0).</summary>
    Call,

    /// <summary>The right to sell at the strike: payoff max(K - S, 0).</summary>
    Put,
}
