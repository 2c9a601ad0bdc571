using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Manifolds;

/// <summary>The eigenpairs found by <see cref="Lanczos"/>.</summary>
/// <param name="Eigenvalues">The wanted eigenvalues, largest first.</param>
/// <param name="Eigenvectors">n x count: column i is the unit eigenvector of <paramref name="Eigenvalues"/>[i].</param>
/// <param name="KrylovDimension">The dimension m of the Krylov space built (the number of operator applications).</param>
/// <param name="MaxResidual">The largest residual norm |A v - lambda v| over the returned pairs (from the Lanczos recurrence).</param>
/// <param name="Converged">True when every residual is within the tolerance (or the Krylov space is the whole space).</param>
public sealed record LanczosResult(Vector<double> Eigenvalues, Matrix<double> Eigenvectors, int KrylovDimension, double MaxResidual, bool Converged);
