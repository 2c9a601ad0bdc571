using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>One iterate of a minimization run, as recorded in the history and reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Iteration">k (0 is the starting point).</param>
/// <param name="Value">f(x_k).</param>
/// <param name="GradientNorm">||grad f(x_k)|| in the norm of <see cref="MinimizerOptions.GradientNorm"/>.</param>
/// <param name="Step">The line-search step alpha that produced x_k (0 for k = 0).</param>
/// <param name="FunctionEvaluations">Objective evaluations so far.</param>
/// <param name="X">A copy of x_k when <see cref="MinimizerOptions.RecordIterates"/> is set, else null.</param>
public sealed record MinimizationIteration(int Iteration, double Value, double GradientNorm, double Step, int FunctionEvaluations, Vector<double>? X);
