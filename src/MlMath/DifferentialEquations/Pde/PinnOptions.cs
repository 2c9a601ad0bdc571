using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// Settings of <see cref="Pinn.Train"/>: Adam first (robust far from a minimum), then L-BFGS (fast near one), the
/// schedule of Raissi, Perdikaris &amp; Karniadakis (2019). Validated when set.
/// </summary>
public sealed record PinnOptions
{
    /// <summary>Adam iterations (full batch), &gt;= 0; default 1000.</summary>
    public int AdamIterations { get; init => field = value >= 0 ? value : throw Bad(nameof(AdamIterations), value, "must be >= 0"); } = 1000;

    /// <summary>Adam's learning rate, &gt; 0; default 1e-3.</summary>
    public double AdamLearningRate { get; init => field = value > 0 && double.IsFinite(value) ? value : throw Bad(nameof(AdamLearningRate), value, "must be finite and > 0"); } = 1e-3;

    /// <summary>L-BFGS iterations after Adam, &gt;= 0; default 1000.</summary>
    public int LbfgsIterations { get; init => field = value >= 0 ? value : throw Bad(nameof(LbfgsIterations), value, "must be >= 0"); } = 1000;

    /// <summary>L-BFGS memory (pairs kept), &gt; 0; default 20.</summary>
    public int LbfgsMemory { get; init => field = value > 0 ? value : throw Bad(nameof(LbfgsMemory), value, "must be > 0"); } = 20;

    /// <summary>The weight of the mean squared PDE residual in the loss, &gt; 0; default 1.</summary>
    public double ResidualWeight { get; init => field = value > 0 && double.IsFinite(value) ? value : throw Bad(nameof(ResidualWeight), value, "must be finite and > 0"); } = 1.0;

    private static ArgumentOutOfRangeException Bad(string name, double value, string rule) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"PinnOptions.{name} = {value} {rule}."));
}
