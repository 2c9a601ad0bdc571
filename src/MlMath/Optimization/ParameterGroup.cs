using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// Parameters that share a learning-rate multiplier: the effective rate of a group is the optimizer's
/// <see cref="StochasticOptimizer.LearningRate"/> times <paramref name="LearningRateScale"/>. Transfer learning
/// uses two groups: a pretrained body with a small scale (e.g. 0.1) and a new head with scale 1.
/// Schedules change the optimizer's rate, and every group follows in proportion.
/// </summary>
/// <param name="Parameters">The parameters of the group.</param>
/// <param name="LearningRateScale">The multiplier of the optimizer's learning rate (at least 0).</param>
public sealed record ParameterGroup(IReadOnlyList<Parameter> Parameters, double LearningRateScale = 1.0);
