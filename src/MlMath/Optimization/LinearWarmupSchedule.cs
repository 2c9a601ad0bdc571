namespace MlMath.Optimization;

/// <summary>
/// Linear warm-up in front of another schedule (Goyal et al., "Accurate, large minibatch SGD", 2017):
/// lr_t = after.At(0) (t + 1) / W for t &lt; W, and after.At(t - W) for t &gt;= W.
/// Small steps first let adaptive moment estimates settle before the full rate is used.
/// </summary>
public sealed class LinearWarmupSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">warmupSteps is not positive.</exception>
    public LinearWarmupSchedule(int warmupSteps, ILearningRateSchedule after)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(warmupSteps);
        ArgumentNullException.ThrowIfNull(after);
        (WarmupSteps, After) = (warmupSteps, after);
    }

    /// <summary>W, the number of warm-up steps.</summary>
    public int WarmupSteps { get; }

    /// <summary>The schedule used after warm-up (its step 0 is step W here).</summary>
    public ILearningRateSchedule After { get; }

    /// <inheritdoc />
    public double At(int step) =>
        step < WarmupSteps ? After.At(0) * (Math.Max(step, 0) + 1) / WarmupSteps : After.At(step - WarmupSteps);
}
