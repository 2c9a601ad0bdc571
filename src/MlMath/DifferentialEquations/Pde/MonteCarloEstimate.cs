namespace MlMath.DifferentialEquations.Pde;

/// <summary>A Monte Carlo estimate with its sampling error.</summary>
/// <param name="Value">The sample mean of the (discounted) payoffs.</param>
/// <param name="StandardError">s / sqrt(m): the sample standard deviation of the m independent samples over sqrt(m)
/// (with antithetic variates a sample is the average of a pair).</param>
/// <param name="Lower">Value - z StandardError, z the normal quantile of the confidence level (1.96 for 95%).</param>
/// <param name="Upper">Value + z StandardError.</param>
/// <param name="Paths">The number of simulated paths.</param>
public sealed record MonteCarloEstimate(double Value, double StandardError, double Lower, double Upper, int Paths)
{
    /// <summary>True when <paramref name="value"/> lies in [Lower, Upper].</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
