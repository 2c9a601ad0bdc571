namespace MlMath.DifferentialEquations;

/// <summary>A method that integrates an <see cref="OdeProblem"/> over its time span.</summary>
public interface IOdeSolver
{
    /// <summary>The method's name.</summary>
    string Name { get; }

    /// <summary>Integrates <paramref name="problem"/> from its start to its end time.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">Tolerances, step limits, fixed step; null for the defaults.</param>
    OdeSolution Solve(OdeProblem problem, OdeSolverOptions? options = null);
}
