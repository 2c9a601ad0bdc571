namespace MlMath.DifferentialEquations;

/// <summary>Why an integration stopped (computed in one place by each solver and returned as computed).</summary>
public enum OdeStatus
{
    /// <summary>The end of the time span was reached.</summary>
    Success,

    /// <summary>The step size fell below 10 ulp of t: the solution probably has a singularity (blow-up) there.</summary>
    StepSizeTooSmall,

    /// <summary>The maximum number of steps (<see cref="OdeSolverOptions.MaxSteps"/>) was taken first.</summary>
    MaxStepsExceeded,

    /// <summary>A fixed-step integration produced a NaN or infinite state (the step is probably unstable).</summary>
    NonFiniteState,
}
