using MlMath.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>
/// Stopping rules shared by the deterministic minimizers; each value is validated when it is set, so an invalid
/// options object cannot exist. A tolerance of 0 switches its test off.
/// </summary>
/// <remarks>
/// After iteration k (x_k -&gt; x_{k+1}, step s = x_{k+1} - x_k) the minimizer stops with
/// <list type="bullet">
/// <item><see cref="ConvergenceReason.GradientTolerance"/> when ||g_{k+1}|| &lt;= GradientTolerance (norm chosen by <see cref="GradientNorm"/>; also checked at x_0);</item>
/// <item><see cref="ConvergenceReason.FunctionTolerance"/> when (f_k - f_{k+1}) &lt;= FunctionTolerance max(|f_k|, |f_{k+1}|, 1) (SciPy L-BFGS-B's <c>ftol</c> test);</item>
/// <item><see cref="ConvergenceReason.StepTolerance"/> when ||s||_inf &lt;= StepTolerance (1 + ||x_{k+1}||_inf);</item>
/// <item><see cref="ConvergenceReason.MaxIterations"/> when k + 1 = MaxIterations;</item>
/// </list>
/// checked in that order, after cancellation, non-finite values and line-search failure.
/// </remarks>
public sealed record MinimizerOptions
{
    /// <summary>Stop when the gradient norm is at most this (default 1e-6, must be &gt;= 0).</summary>
    public double GradientTolerance
    {
        get;
        init => field = NonNegative(nameof(GradientTolerance), value);
    } = 1e-6;

    /// <summary>The norm of <see cref="GradientTolerance"/> (default <see cref="VectorNorm.MaxAbsolute"/>).</summary>
    public VectorNorm GradientNorm { get; init; } = VectorNorm.MaxAbsolute;

    /// <summary>Stop when the relative decrease of f is at most this (default 0: off).</summary>
    public double FunctionTolerance
    {
        get;
        init => field = NonNegative(nameof(FunctionTolerance), value);
    }

    /// <summary>Stop when the relative step length is at most this (default 0: off).</summary>
    public double StepTolerance
    {
        get;
        init => field = NonNegative(nameof(StepTolerance), value);
    }

    /// <summary>The iteration budget (default 1000, must be &gt; 0).</summary>
    public int MaxIterations
    {
        get;
        init
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, $"MinimizerOptions: MaxIterations must be > 0, but is {value}.");
            }

            field = value;
        }
    } = 1000;

    /// <summary>Record f and the gradient norm of every iterate in <see cref="MinimizationResult.History"/> (default false).</summary>
    public bool RecordHistory { get; init; }

    /// <summary>Also record a copy of every iterate x in the history (default false; costs n doubles per iteration).</summary>
    public bool RecordIterates { get; init; }

    private static double NonNegative(string name, double value) =>
        value >= 0.0 && !double.IsInfinity(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"MinimizerOptions: {name} must be finite and >= 0, but is {ArgumentChecks.Format(value)}.");
}
