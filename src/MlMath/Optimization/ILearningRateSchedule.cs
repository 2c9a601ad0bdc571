namespace MlMath.Optimization;

/// <summary>
/// A learning rate as a function of the step (or epoch) number, counting from 0. Use it as
/// <c>optimizer.LearningRate = schedule.At(epoch);</c> before each epoch.
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate at step <paramref name="step"/> (0-based).</summary>
    double At(int step);
}
