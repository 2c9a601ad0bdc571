namespace MlMath.Manifolds;

/// <summary>A progress report of <see cref="Tsne"/>.</summary>
/// <param name="Iteration">Iterations done.</param>
/// <param name="TotalIterations">Iterations planned.</param>
/// <param name="KlDivergence">KL(P || Q) at this iteration, or NaN when it was not evaluated.</param>
public readonly record struct TsneProgress(int Iteration, int TotalIterations, double KlDivergence);
