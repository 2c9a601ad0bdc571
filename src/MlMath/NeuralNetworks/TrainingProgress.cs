namespace MlMath.NeuralNetworks;

/// <summary>What <see cref="TrainingLoop"/> reports after each epoch.</summary>
/// <param name="Epoch">The epoch just finished, counting from 1.</param>
/// <param name="Epochs">The number of epochs requested.</param>
/// <param name="Loss">The loss the epoch function returned (e.g. the mean training loss).</param>
public sealed record TrainingProgress(int Epoch, int Epochs, double Loss);
