namespace MlMath.LinearAlgebra;

/// <summary>How a linear least-squares problem <c>min_x ||A x - b||_2</c> was solved (see <see cref="LeastSquares"/>).</summary>
public enum LeastSquaresMethod
{
    /// <summary>Cholesky factorisation of the normal equations <c>A^T A x = A^T b</c>: fast, but the error grows with cond(A)^2.</summary>
    NormalEquations,

    /// <summary>Householder QR, <c>A = Q R</c>, then <c>R x = Q^T b</c>: backward stable.</summary>
    Qr,

    /// <summary>Singular value decomposition, <c>x = V S^+ U^T b</c> with small singular values cut off: handles rank deficiency.</summary>
    Svd,
}
