using MlMath.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>
/// Backtracking line search with the Armijo (sufficient decrease) condition, Nocedal &amp; Wright,
/// <i>Numerical Optimization</i>, 2nd ed., Algorithm 3.1:
/// <code>
/// alpha &lt;- alpha_0
/// while phi(alpha) &gt; phi(0) + c1 alpha phi'(0):   alpha &lt;- rho alpha
/// </code>
/// </summary>
/// <remarks>
/// It never checks curvature, so it suits Newton-type directions whose unit step is usually right; for
/// quasi-Newton updates use <see cref="StrongWolfeLineSearch"/>, which guarantees s'y &gt; 0. A NaN or infinite
/// trial value counts as "not enough decrease" and the step is shrunk (a too-long step may overflow).
/// </remarks>
public sealed class BacktrackingArmijoLineSearch : ILineSearch
{
    /// <summary>Creates the search; constants are validated here.</summary>
    /// <param name="c1">Sufficient-decrease constant, 0 &lt; c1 &lt; 1 (default 1e-4).</param>
    /// <param name="shrinkFactor">rho, the factor each rejected step is multiplied by, 0 &lt; rho &lt; 1 (default 0.5).</param>
    /// <param name="maxEvaluations">Evaluation budget per search (default 50).</param>
    /// <exception cref="ArgumentOutOfRangeException">A constant is outside its range; the message names the value.</exception>
    public BacktrackingArmijoLineSearch(double c1 = 1e-4, double shrinkFactor = 0.5, int maxEvaluations = 50)
    {
        if (!(c1 > 0.0 && c1 < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(c1), c1, $"BacktrackingArmijoLineSearch: c1 must satisfy 0 < c1 < 1, but is {ArgumentChecks.Format(c1)}.");
        }

        if (!(shrinkFactor > 0.0 && shrinkFactor < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(shrinkFactor), shrinkFactor,
                $"BacktrackingArmijoLineSearch: shrinkFactor must satisfy 0 < shrinkFactor < 1, but is {ArgumentChecks.Format(shrinkFactor)}.");
        }

        if (maxEvaluations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEvaluations), maxEvaluations, $"BacktrackingArmijoLineSearch: maxEvaluations must be >= 1, but is {maxEvaluations}.");
        }

        (C1, ShrinkFactor, MaxEvaluations) = (c1, shrinkFactor, maxEvaluations);
    }

    /// <summary>The sufficient-decrease constant c1.</summary>
    public double C1 { get; }

    /// <summary>The backtracking factor rho.</summary>
    public double ShrinkFactor { get; }

    /// <summary>The evaluation budget per search.</summary>
    public int MaxEvaluations { get; }

    /// <inheritdoc />
    public LineSearchResult Search(LineSearchFunction phi, double value0, double derivative0, double initialStep)
    {
        ArgumentNullException.ThrowIfNull(phi);
        if (!(derivative0 < 0.0)) return new(LineSearchStatus.NotDescentDirection, 0.0, value0, derivative0, 0);
        var alpha = initialStep;
        var (value, derivative) = (double.NaN, double.NaN);
        var sawFinite = false;
        for (var evaluation = 1; evaluation <= MaxEvaluations; evaluation++)
        {
            value = phi.Evaluate(alpha, out derivative);
            sawFinite |= double.IsFinite(value);
            if (value <= value0 + C1 * alpha * derivative0) return new(LineSearchStatus.Converged, alpha, value, derivative, evaluation);
            if (evaluation < MaxEvaluations) alpha *= ShrinkFactor;
        }

        return new(sawFinite ? LineSearchStatus.MaxEvaluations : LineSearchStatus.NonFiniteValue, alpha, value, derivative, MaxEvaluations);
    }
}
