using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>The outcome of a minimization run: where it ended, what it cost, and why it stopped.</summary>
/// <param name="X">The final point (the last accepted iterate).</param>
/// <param name="Value">f(X).</param>
/// <param name="GradientNorm">||grad f(X)|| in the norm of <see cref="MinimizerOptions.GradientNorm"/>.</param>
/// <param name="Iterations">Accepted steps taken.</param>
/// <param name="FunctionEvaluations">Evaluations of f (each one also computes the gradient): the start and every line-search trial.</param>
/// <param name="GradientEvaluations">Evaluations of the gradient: the above plus those spent on finite-difference Hessian-vector products.</param>
/// <param name="HessianVectorProducts">Exact Hessian-vector products requested from the objective (<see cref="NewtonCg"/> only).</param>
/// <param name="Reason">Why the run stopped, as computed by the stopping rule.</param>
/// <param name="History">Every iterate's record when <see cref="MinimizerOptions.RecordHistory"/> is set, else null.</param>
public sealed record MinimizationResult(
    Vector<double> X,
    double Value,
    double GradientNorm,
    int Iterations,
    int FunctionEvaluations,
    int GradientEvaluations,
    int HessianVectorProducts,
    ConvergenceReason Reason,
    IReadOnlyList<MinimizationIteration>? History)
{
    /// <summary>True when a tolerance was met (gradient, function or step), false for every other stop.</summary>
    public bool Converged => Reason is ConvergenceReason.GradientTolerance or ConvergenceReason.FunctionTolerance or ConvergenceReason.StepTolerance;
}
