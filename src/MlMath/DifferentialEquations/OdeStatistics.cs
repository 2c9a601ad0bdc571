namespace MlMath.DifferentialEquations;

/// <summary>The work an integration did.</summary>
/// <param name="FunctionEvaluations">Evaluations of f(t, y), including those for the initial step and Jacobians by differences.</param>
/// <param name="AcceptedSteps">Steps whose error passed the test (all steps in fixed-step mode).</param>
/// <param name="RejectedSteps">Steps redone with a smaller h.</param>
/// <param name="JacobianEvaluations">Jacobians computed (analytic or by differences); 0 for explicit methods.</param>
/// <param name="LuDecompositions">LU factorisations of I - h gamma J; 0 for explicit methods.</param>
public sealed record OdeStatistics(int FunctionEvaluations, int AcceptedSteps, int RejectedSteps, int JacobianEvaluations = 0,
    int LuDecompositions = 0);
