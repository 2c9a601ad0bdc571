namespace MlMath.NeuralNetworks;

/// <summary>
/// The smallest useful training loop: runs an epoch function a number of times, records its loss, reports
/// progress and stops cleanly when cancelled. What happens inside an epoch (mini-batches, forward, backward,
/// optimizer step) is the caller's code, kept in plain sight.
/// </summary>
public static class TrainingLoop
{
    /// <summary>
    /// Calls <paramref name="trainEpoch"/>(epoch) for epoch = 1 .. <paramref name="epochs"/>, reporting each
    /// loss to <paramref name="progress"/>. Cancellation is checked before every epoch: a cancelled run
    /// returns the epochs completed so far with <see cref="TrainingHistory.Cancelled"/> set.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">epochs is negative.</exception>
    /// <exception cref="InvalidOperationException">An epoch returned a NaN or infinite loss (training diverged);
    /// the message names the epoch.</exception>
    public static TrainingHistory Run(int epochs, Func<int, double> trainEpoch, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        ArgumentNullException.ThrowIfNull(trainEpoch);
        var losses = new List<double>(epochs);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            if (cancellationToken.IsCancellationRequested) return new TrainingHistory(losses, Cancelled: true);
            var loss = trainEpoch(epoch);
            if (!double.IsFinite(loss))
            {
                throw new InvalidOperationException($"TrainingLoop: epoch {epoch} returned loss {loss}; training diverged (try a smaller learning rate, or AnomalyMode to find the op).");
            }

            losses.Add(loss);
            progress?.Report(new TrainingProgress(epoch, epochs, loss));
        }

        return new TrainingHistory(losses, Cancelled: false);
    }
}
