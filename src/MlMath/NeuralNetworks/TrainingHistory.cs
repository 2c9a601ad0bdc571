namespace MlMath.NeuralNetworks;

/// <summary>The outcome of <see cref="TrainingLoop.Run"/>.</summary>
/// <param name="Losses">The loss of every completed epoch, in order.</param>
/// <param name="Cancelled">True when the cancellation token stopped the loop before the last epoch.</param>
public sealed record TrainingHistory(IReadOnlyList<double> Losses, bool Cancelled);
