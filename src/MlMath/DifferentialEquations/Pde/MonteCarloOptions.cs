using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>Settings of <see cref="MonteCarloPricer.Price"/>, validated when set.</summary>
public sealed record MonteCarloOptions
{
    /// <summary>The number of simulated paths (antithetic pairs count as two); default 100 000. Must be &gt;= 2.</summary>
    public int Paths
    {
        get;
        init => field = value >= 2 ? value : throw Bad(nameof(Paths), value, "must be >= 2");
    } = 100_000;

    /// <summary>Time steps per path; default 1 (enough for a European payoff with the exact scheme). Must be &gt;= 1.</summary>
    public int TimeSteps
    {
        get;
        init => field = value >= 1 ? value : throw Bad(nameof(TimeSteps), value, "must be >= 1");
    } = 1;

    /// <summary>The path scheme; default <see cref="SdeScheme.Exact"/>.</summary>
    public SdeScheme Scheme { get; init; } = SdeScheme.Exact;

    /// <summary>Antithetic variates: pair each normal vector Z with -Z (Glasserman 2003, section 4.2); default true.</summary>
    public bool Antithetic { get; init; } = true;

    /// <summary>The two-sided confidence level of the interval, in (0, 1); default 0.95.</summary>
    public double ConfidenceLevel
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw Bad(nameof(ConfidenceLevel), value, "must be in (0, 1)");
    } = 0.95;

    private static ArgumentOutOfRangeException Bad(string name, double value, string rule) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"MonteCarloOptions.{name} = {value} {rule}."));
}
