using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Manifolds;

/// <summary>Points on a known manifold together with their intrinsic coordinates, for checking embeddings.</summary>
/// <param name="Points">n x D: the observed points (noise included).</param>
/// <param name="Intrinsic">n x c: the coordinates of each point on the manifold before the noise (the "unrolled" truth).</param>
public sealed record ManifoldSample(Matrix<double> Points, Matrix<double> Intrinsic);
