namespace MlMath.Optimization;

/// <summary>Exponential decay: lr_t = lr_0 * gamma^t.</summary>
public sealed class ExponentialDecaySchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">initial or gamma negative or not finite.</exception>
    public ExponentialDecaySchedule(double initial, double gamma)
    {
        OptimizerChecks.NonNegative(nameof(initial), initial);
        OptimizerChecks.NonNegative(nameof(gamma), gamma);
        (Initial, Gamma) = (initial, gamma);
    }

    /// <summary>lr_0.</summary>
    public double Initial { get; }

    /// <summary>The factor per step.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public double At(int step) => Initial * Math.Pow(Gamma, Math.Max(step, 0));
}
