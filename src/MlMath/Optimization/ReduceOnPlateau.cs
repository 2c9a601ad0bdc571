namespace MlMath.Optimization;

/// <summary>
/// Reduces the learning rate when a monitored metric (e.g. validation loss, lower is better) has not improved
/// by more than <see cref="Threshold"/> (relative) for <see cref="Patience"/> consecutive reports:
/// lr &lt;- max(lr * factor, minimum), then waits <see cref="Cooldown"/> reports before counting again.
/// </summary>
/// <remarks>Conventions as torch.optim.lr_scheduler.ReduceLROnPlateau in "min" mode with relative threshold.</remarks>
public sealed class ReduceOnPlateau
{
    private double _best = double.PositiveInfinity;
    private int _badReports;
    private int _cooldownLeft;

    /// <summary>Creates the controller for an optimizer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">factor outside (0, 1), negative patience, threshold, cooldown or minimum.</exception>
    public ReduceOnPlateau(StochasticOptimizer optimizer, double factor = 0.1, int patience = 10, double threshold = 1e-4,
        int cooldown = 0, double minimum = 0.0)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(factor > 0.0 && factor < 1.0)) throw new ArgumentOutOfRangeException(nameof(factor), factor, $"ReduceOnPlateau: factor must be in (0, 1), but is {factor}.");
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        OptimizerChecks.NonNegative(nameof(threshold), threshold);
        OptimizerChecks.NonNegative(nameof(minimum), minimum);
        (Optimizer, Factor, Patience, Threshold, Cooldown, Minimum) = (optimizer, factor, patience, threshold, cooldown, minimum);
    }

    /// <summary>The optimizer whose rate is reduced.</summary>
    public StochasticOptimizer Optimizer { get; }

    /// <summary>Multiplier applied at each reduction.</summary>
    public double Factor { get; }

    /// <summary>Reports without improvement tolerated before a reduction.</summary>
    public int Patience { get; }

    /// <summary>Relative improvement that counts: metric &lt; best (1 - threshold).</summary>
    public double Threshold { get; }

    /// <summary>Reports ignored after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>The rate never goes below this.</summary>
    public double Minimum { get; }

    /// <summary>Reports the metric after an epoch; returns true when the rate was reduced.</summary>
    /// <exception cref="ArgumentException">The metric is NaN.</exception>
    public bool Report(double metric)
    {
        if (double.IsNaN(metric)) throw new ArgumentException("ReduceOnPlateau: the metric is NaN.", nameof(metric));
        if (metric < _best * (1.0 - Threshold) || double.IsPositiveInfinity(_best))
        {
            _best = metric;
            _badReports = 0;
        }
        else
        {
            _badReports++;
        }

        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badReports = 0;
        }

        if (_badReports <= Patience) return false;
        Optimizer.LearningRate = Math.Max(Optimizer.LearningRate * Factor, Minimum);
        _cooldownLeft = Cooldown;
        _badReports = 0;
        return true;
    }
}
