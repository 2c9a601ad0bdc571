namespace MlMath.Optimization;

/// <summary>Step decay: lr_t = lr_0 * gamma^floor(t / stepSize) (the rate drops by gamma every stepSize steps).</summary>
public sealed class StepDecaySchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">initial or gamma negative, or stepSize not positive.</exception>
    public StepDecaySchedule(double initial, int stepSize, double gamma = 0.1)
    {
        OptimizerChecks.NonNegative(nameof(initial), initial);
        OptimizerChecks.NonNegative(nameof(gamma), gamma);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        (Initial, StepSize, Gamma) = (initial, stepSize, gamma);
    }

    /// <summary>lr_0.</summary>
    public double Initial { get; }

    /// <summary>Steps between drops.</summary>
    public int StepSize { get; }

    /// <summary>Factor of each drop.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public double At(int step) => Initial * Math.Pow(Gamma, Math.Max(step, 0) / StepSize);
}
