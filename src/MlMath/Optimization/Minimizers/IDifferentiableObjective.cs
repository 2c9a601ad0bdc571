using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>
/// A differentiable objective f: R^n -> R, evaluated together with its gradient: the one thing every
/// deterministic minimizer (<see cref="GradientDescent"/>, <see cref="ConjugateGradient"/>, <see cref="Bfgs"/>,
/// <see cref="Lbfgs"/>, <see cref="NewtonCg"/>) needs to know about the problem.
/// </summary>
/// <remarks>
/// The value and the gradient are computed in one call because they share most of their work (in reverse-mode
/// autodiff the gradient costs a small multiple of the value, Griewank &amp; Walther, <i>Evaluating Derivatives</i>,
/// 2nd ed., 2008, Section 4.6). The gradient is written into a caller-owned vector, so a hand-written objective
/// can evaluate without allocating (see the Rosenbrock benchmark). Build one from a delegate, an autodiff
/// function or a module with <see cref="Objective"/>.
/// </remarks>
public interface IDifferentiableObjective
{
    /// <summary>Returns f(x) and writes grad f(x) into <paramref name="gradient"/> (same length as x).</summary>
    /// <param name="x">The point; the implementation must not modify or keep it.</param>
    /// <param name="gradient">Receives grad f(x); its length equals x's.</param>
    double Evaluate(Vector<double> x, Vector<double> gradient);
}
