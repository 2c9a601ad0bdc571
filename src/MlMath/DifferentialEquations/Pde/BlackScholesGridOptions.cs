using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>Settings of <see cref="BlackScholesFiniteDifference.Price"/>, validated when set.</summary>
public sealed record BlackScholesGridOptions
{
    /// <summary>The number of log-price cells (even, so that ln S0 is the middle node); default 800.</summary>
    public int SpaceIntervals
    {
        get;
        init => field = value >= 4 && value % 2 == 0 ? value : throw Bad(nameof(SpaceIntervals), value, "must be even and >= 4");
    } = 800;

    /// <summary>The number of time steps; default 400.</summary>
    public int TimeSteps
    {
        get;
        init => field = value >= 1 ? value : throw Bad(nameof(TimeSteps), value, "must be >= 1");
    } = 400;

    /// <summary>
    /// Crank-Nicolson steps replaced by two implicit Euler half steps at the start (Rannacher 1984; Giles &amp; Carter
    /// 2006 recommend 2): they damp the high-frequency error of the payoff's kink. Default 2; 0 gives plain Crank-Nicolson.
    /// </summary>
    public int RannacherSteps
    {
        get;
        init => field = value >= 0 ? value : throw Bad(nameof(RannacherSteps), value, "must be >= 0");
    } = 2;

    /// <summary>
    /// The half-width of the log-price domain in standard deviations sigma sqrt(T) beyond the spot and the strike;
    /// default 6 (the probability of leaving it is below 1e-8, so the boundary values hardly matter).
    /// </summary>
    public double Width
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw Bad(nameof(Width), value, "must be finite and > 0");
    } = 6;

    private static ArgumentOutOfRangeException Bad(string name, double value, string rule) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"BlackScholesGridOptions.{name} = {value} {rule}."));
}
