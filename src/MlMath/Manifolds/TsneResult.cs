using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Manifolds;

/// <summary>The outcome of <see cref="Tsne.FitTransform"/>.</summary>
/// <param name="Coordinates">n x c: the embedding.</param>
/// <param name="KlDivergence">KL(P || Q) of the final embedding (Barnes-Hut: with the approximate normalisation Z).</param>
/// <param name="KlHistory">(iteration, KL) every <see cref="Tsne.KlEvaluationInterval"/> iterations, KL measured with the un-exaggerated P.</param>
/// <param name="Iterations">Iterations run.</param>
public sealed record TsneResult(Matrix<double> Coordinates, double KlDivergence, IReadOnlyList<(int Iteration, double KlDivergence)> KlHistory, int Iterations);
