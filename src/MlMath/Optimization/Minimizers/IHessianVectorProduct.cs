using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>
/// An objective that can multiply its Hessian by a vector, H(x) v = d/dt grad f(x + t v) at t = 0, without
/// forming H: what <see cref="NewtonCg"/> needs for its inner conjugate-gradient iteration.
/// </summary>
/// <remarks>
/// Objectives built with <see cref="Objective.FromVariable"/> implement it exactly by double backward
/// (Pearlmutter, "Fast exact multiplication by the Hessian", Neural Computation 6, 1994): H v = grad_x (grad f(x)' v).
/// For other objectives <see cref="NewtonCg"/> falls back to a forward difference of the gradient.
/// </remarks>
public interface IHessianVectorProduct
{
    /// <summary>Writes H(x) v into <paramref name="result"/> (all three of length n).</summary>
    void HessianVectorProduct(Vector<double> x, Vector<double> v, Vector<double> result);
}
