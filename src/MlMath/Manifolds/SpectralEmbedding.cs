using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Manifolds;

/// <summary>An embedding computed from eigenvectors (MDS, Isomap, kernel PCA, LLE, Laplacian eigenmaps).</summary>
/// <param name="Coordinates">n x c: row i is the embedding of point i.</param>
/// <param name="Eigenvalues">The c eigenvalues behind the coordinates, in the order of the columns (largest
/// first for MDS, Isomap and kernel PCA; smallest first for LLE and Laplacian eigenmaps, the trivial one excluded).</param>
public sealed record SpectralEmbedding(Matrix<double> Coordinates, Vector<double> Eigenvalues);
