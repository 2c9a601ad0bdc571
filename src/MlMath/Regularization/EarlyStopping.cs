using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.NeuralNetworks;

namespace MlMath.Regularization;

/// <summary>
/// Early stopping (Goodfellow, Bengio &amp; Courville, Deep Learning, sec. 7.8, Algorithm 7.1; Prechelt,
/// "Early Stopping - But When?", 1998): watch the validation loss after every epoch, remember a copy of the
/// model at its best, stop after <see cref="Patience"/> epochs without improvement, and restore that copy.
/// <code>
/// after epoch t with validation loss v_t:
///     if v_t &lt; best - minDelta:  best &lt;- v_t, bestEpoch &lt;- t, snapshot &lt;- copy of the model's state
///     else:                      epochsWithoutImprovement &lt;- epochsWithoutImprovement + 1
///     stop when epochsWithoutImprovement &gt;= patience
/// </code>
/// </summary>
/// <remarks>
/// <para>It regularises by limiting how far the parameters travel from their initial values: for a quadratic
/// loss, gradient descent stopped after t steps of rate eta behaves like L2 regularisation with
/// lambda about 1 / (t eta) (Goodfellow et al., sec. 7.8).</para>
/// <para>The snapshot is the model's whole <see cref="Module.StateDict"/> (parameters and buffers such as batch
/// norm's running statistics), copied exactly: <see cref="RestoreBest"/> writes back the very bits the model had
/// at the best epoch. The loss is minimised; to maximise a score (accuracy) pass its negative. A NaN loss
/// (diverged training) never counts as an improvement.</para>
/// </remarks>
public sealed class EarlyStopping
{
    private readonly Module _model;
    private Matrix<double>[]? _snapshot;

    /// <summary>Watches <paramref name="model"/>.</summary>
    /// <param name="model">The model whose state is snapshotted and restored.</param>
    /// <param name="patience">How many epochs without improvement to allow before stopping, &gt;= 1.</param>
    /// <param name="minDelta">How much lower than the best a loss must be to count as an improvement, &gt;= 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">patience is below 1, or minDelta is negative or not finite.</exception>
    public EarlyStopping(Module model, int patience, double minDelta = 0.0)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"EarlyStopping: patience = {patience} must be at least 1.");
        if (!(minDelta >= 0.0 && double.IsFinite(minDelta)))
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"EarlyStopping: minDelta = {minDelta.ToString("R", CultureInfo.InvariantCulture)} must be non-negative and finite.");
        }

        (_model, Patience, MinDelta) = (model, patience, minDelta);
    }

    /// <summary>Epochs without improvement allowed before <see cref="ShouldStop"/>.</summary>
    public int Patience { get; }

    /// <summary>The least decrease of the loss that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>How many losses have been reported (the current epoch, counting from 1).</summary>
    public int Epoch { get; private set; }

    /// <summary>The best (lowest) loss so far; +infinity before the first report.</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>The epoch (counting from 1) of <see cref="BestLoss"/>; 0 before any improvement.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>True once <see cref="EpochsWithoutImprovement"/> has reached <see cref="Patience"/>.</summary>
    public bool ShouldStop => EpochsWithoutImprovement >= Patience;

    /// <summary>Reports the validation loss of the epoch just finished; snapshots the model on improvement.</summary>
    /// <returns><see cref="ShouldStop"/>: true when training should stop.</returns>
    public bool Report(double validationLoss)
    {
        Epoch++;
        if (validationLoss < BestLoss - MinDelta)
        {
            (BestLoss, BestEpoch, EpochsWithoutImprovement) = (validationLoss, Epoch, 0);
            var state = _model.StateDict();
            _snapshot ??= new Matrix<double>[state.Count];
            for (var k = 0; k < state.Count; k++)
            {
                if (_snapshot[k] is null) _snapshot[k] = state[k].Value.Clone();
                else state[k].Value.CopyTo(_snapshot[k]);
            }
        }
        else
        {
            EpochsWithoutImprovement++;
        }

        return ShouldStop;
    }

    /// <summary>Copies the snapshot of the best epoch back into the model's parameters and buffers (exactly).</summary>
    /// <exception cref="InvalidOperationException">No loss has improved on +infinity yet, so there is nothing to restore.</exception>
    public void RestoreBest()
    {
        if (_snapshot is null)
        {
            throw new InvalidOperationException($"EarlyStopping.RestoreBest: no improvement has been reported yet ({Epoch} losses reported), so there is no snapshot.");
        }

        var state = _model.StateDict();
        for (var k = 0; k < state.Count; k++) _snapshot[k].CopyTo(state[k].Value);
    }
}
