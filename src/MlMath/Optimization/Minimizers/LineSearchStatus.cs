namespace MlMath.Optimization;

/// <summary>How a line search ended.</summary>
public enum LineSearchStatus
{
    /// <summary>The step satisfies the search's acceptance conditions.</summary>
    Converged,

    /// <summary>phi'(0) &gt;= 0 (or not finite): p is not a descent direction, so no step can be accepted.</summary>
    NotDescentDirection,

    /// <summary>The evaluation budget ran out before an acceptable step was found.</summary>
    MaxEvaluations,

    /// <summary>The bracketing interval shrank below rounding level without an acceptable step (often an inaccurate gradient).</summary>
    IntervalTooSmall,

    /// <summary>The search failed and every trial value was NaN or infinite.</summary>
    NonFiniteValue,
}
