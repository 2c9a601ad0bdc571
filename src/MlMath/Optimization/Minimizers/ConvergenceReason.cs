namespace MlMath.Optimization;

/// <summary>Why a minimizer stopped. Computed in one place (the stopping rule of <see cref="Minimizer"/>) and returned as computed.</summary>
public enum ConvergenceReason
{
    /// <summary>The gradient norm fell to <see cref="MinimizerOptions.GradientTolerance"/> or below: a first-order stationary point.</summary>
    GradientTolerance,

    /// <summary>The relative decrease of f in the last iteration fell to <see cref="MinimizerOptions.FunctionTolerance"/> or below.</summary>
    FunctionTolerance,

    /// <summary>The last step was no longer than <see cref="MinimizerOptions.StepTolerance"/> relative to x.</summary>
    StepTolerance,

    /// <summary><see cref="MinimizerOptions.MaxIterations"/> iterations were done without meeting a tolerance.</summary>
    MaxIterations,

    /// <summary>The line search found no acceptable step; x is the last accepted point.</summary>
    LineSearchFailed,

    /// <summary>The objective or its gradient became NaN or infinite; x is the last point with finite values.</summary>
    NonFiniteValue,

    /// <summary>The cancellation token was signalled; x is the last accepted point.</summary>
    Cancelled,
}
