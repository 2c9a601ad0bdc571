using MathNet.Numerics.LinearAlgebra;

namespace MlMath.LinearAlgebra;

/// <summary>The solution of a linear least-squares problem <c>min_x ||A x - b||_2</c> and facts about it.</summary>
/// <param name="Solution">The least-squares solution x (length = columns of A); for <see cref="LeastSquaresMethod.Svd"/>
/// the minimum-norm one among all minimisers.</param>
/// <param name="ResidualNorm">The Euclidean norm of the residual, <c>||A x - b||_2</c>.</param>
/// <param name="Method">The method that computed <see cref="Solution"/>.</param>
/// <param name="ConditionNumber">The 2-norm condition number of A, <c>sigma_max / sigma_min</c> over its
/// min(rows, columns) singular values (+infinity when A is rank deficient). For the normal equations the
/// matrix actually factorised is A^T A, whose condition number is this value squared.</param>
/// <param name="Rank">The numerical rank used: the number of columns for NormalEquations and Qr (which
/// require full column rank), the number of singular values kept for Svd.</param>
public sealed record LeastSquaresResult(
    Vector<double> Solution,
    double ResidualNorm,
    LeastSquaresMethod Method,
    double ConditionNumber,
    int Rank);
