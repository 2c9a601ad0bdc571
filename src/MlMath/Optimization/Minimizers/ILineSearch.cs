namespace MlMath.Optimization;

/// <summary>
/// A line search: given phi(alpha) = f(x + alpha p) with phi'(0) &lt; 0, find a step alpha &gt; 0 that decreases f
/// enough (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., 2006, Chapter 3).
/// </summary>
/// <remarks>
/// Contract: on success the accepted step is the last one evaluated by phi, so the caller can
/// take the new point and gradient from it. A failure is reported in <see cref="LineSearchResult.Status"/>, never thrown.
/// </remarks>
public interface ILineSearch
{
    /// <summary>Searches along the ray.</summary>
    /// <param name="phi">The objective on the ray.</param>
    /// <param name="value0">phi(0) = f(x).</param>
    /// <param name="derivative0">phi'(0) = grad f(x)' p; must be negative.</param>
    /// <param name="initialStep">The first trial step (1 for Newton and quasi-Newton methods).</param>
    LineSearchResult Search(LineSearchFunction phi, double value0, double derivative0, double initialStep);
}
