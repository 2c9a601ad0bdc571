namespace MlMath.Optimization;

/// <summary>
/// Cosine annealing (Loshchilov &amp; Hutter, SGDR, ICLR 2017, without restarts):
/// lr_t = lr_min + (lr_0 - lr_min) (1 + cos(pi t / T)) / 2 for t &lt;= T, and lr_min after T.
/// </summary>
public sealed class CosineAnnealingSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative, minimum above initial, or the period not positive.</exception>
    public CosineAnnealingSchedule(double initial, int period, double minimum = 0.0)
    {
        OptimizerChecks.NonNegative(nameof(initial), initial);
        OptimizerChecks.NonNegative(nameof(minimum), minimum);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        if (minimum > initial) throw new ArgumentOutOfRangeException(nameof(minimum), minimum, $"CosineAnnealingSchedule: minimum {minimum} exceeds initial {initial}.");
        (Initial, Period, Minimum) = (initial, period, minimum);
    }

    /// <summary>lr_0.</summary>
    public double Initial { get; }

    /// <summary>T, the number of steps from lr_0 down to lr_min.</summary>
    public int Period { get; }

    /// <summary>lr_min.</summary>
    public double Minimum { get; }

    /// <inheritdoc />
    public double At(int step)
    {
        var t = Math.Clamp(step, 0, Period);
        return Minimum + (Initial - Minimum) * (1.0 + Math.Cos(Math.PI * t / Period)) / 2.0;
    }
}
