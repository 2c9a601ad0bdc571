using MlMath.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>
/// Line search for a step satisfying the strong Wolfe conditions (Nocedal &amp; Wright, <i>Numerical Optimization</i>,
/// 2nd ed., 2006, Algorithms 3.5 and 3.6):
/// <code>
/// phi(alpha) &lt;= phi(0) + c1 alpha phi'(0)      (sufficient decrease)
/// |phi'(alpha)| &lt;= c2 |phi'(0)|                (curvature), with 0 &lt; c1 &lt; c2 &lt; 1
/// </code>
/// </summary>
/// <remarks>
/// <para>Bracketing phase (Algorithm 3.5): trial steps grow until one violates sufficient decrease, is no better
/// than its predecessor, or has phi' &gt;= 0; that brackets a point satisfying both conditions, and zoom
/// (Algorithm 3.6) shrinks the bracket [lo, hi], keeping lo the best point found that satisfies sufficient decrease.</para>
/// <para>New trial steps come from the minimizer of the cubic that matches phi and phi' at the two ends (N&amp;W
/// eq. 3.59), safeguarded: in zoom it must lie in the middle 80% of the bracket, else we bisect; when extrapolating
/// it is clamped to [alpha + 1.1 (alpha - alpha_prev), alpha + 4 (alpha - alpha_prev)] (the safeguard of
/// Moré &amp; Thuente, ACM TOMS 20, 1994). A NaN or infinite trial value counts as too large, so the search
/// backs off from it by bisection.</para>
/// <para>c2 = 0.9 suits (quasi-)Newton methods; nonlinear conjugate gradients need c2 &lt; 1/2 (N&amp;W Lemma 5.6),
/// so use c2 = 0.1 there (<see cref="ForConjugateGradient"/>).</para>
/// </remarks>
public sealed class StrongWolfeLineSearch : ILineSearch
{
    /// <summary>Creates the search; constants are validated here.</summary>
    /// <param name="c1">Sufficient-decrease constant (default 1e-4).</param>
    /// <param name="c2">Curvature constant (default 0.9); 0 &lt; c1 &lt; c2 &lt; 1.</param>
    /// <param name="maxEvaluations">Evaluation budget per search (default 25).</param>
    /// <param name="maxStep">Largest step tried (default 1e20).</param>
    /// <exception cref="ArgumentOutOfRangeException">0 &lt; c1 &lt; c2 &lt; 1 fails, or the budget or maximum step is not
    /// positive; the message names the values.</exception>
    public StrongWolfeLineSearch(double c1 = 1e-4, double c2 = 0.9, int maxEvaluations = 25, double maxStep = 1e20)
    {
        if (!(c1 > 0.0 && c1 < c2 && c2 < 1.0))
        {
            throw new ArgumentOutOfRangeException(c1 > 0.0 && c1 < 1.0 ? nameof(c2) : nameof(c1),
                $"StrongWolfeLineSearch: the constants must satisfy 0 < c1 < c2 < 1, but c1 = {ArgumentChecks.Format(c1)} and c2 = {ArgumentChecks.Format(c2)}.");
        }

        if (maxEvaluations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEvaluations), maxEvaluations, $"StrongWolfeLineSearch: maxEvaluations must be >= 1, but is {maxEvaluations}.");
        }

        if (!(maxStep > 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxStep), maxStep, $"StrongWolfeLineSearch: maxStep must be > 0, but is {ArgumentChecks.Format(maxStep)}.");
        }

        (C1, C2, MaxEvaluations, MaxStep) = (c1, c2, maxEvaluations, maxStep);
    }

    /// <summary>The search with c1 = 1e-4, c2 = 0.1 recommended for nonlinear conjugate gradients.</summary>
    public static StrongWolfeLineSearch ForConjugateGradient() => new(c1: 1e-4, c2: 0.1);

    /// <summary>The sufficient-decrease constant c1.</summary>
    public double C1 { get; }

    /// <summary>The curvature constant c2.</summary>
    public double C2 { get; }

    /// <summary>The evaluation budget per search.</summary>
    public int MaxEvaluations { get; }

    /// <summary>The largest step tried.</summary>
    public double MaxStep { get; }

    /// <inheritdoc />
    public LineSearchResult Search(LineSearchFunction phi, double value0, double derivative0, double initialStep)
    {
        ArgumentNullException.ThrowIfNull(phi);
        if (!(derivative0 < 0.0)) return new(LineSearchStatus.NotDescentDirection, 0.0, value0, derivative0, 0);
        var previous = new Trial(0.0, value0, derivative0);
        var alpha = Math.Min(initialStep, MaxStep);
        var sawFinite = false;
        for (var evaluations = 1; ; evaluations++)
        {
            var value = phi.Evaluate(alpha, out var derivative);
            var current = new Trial(alpha, value, derivative);
            sawFinite |= double.IsFinite(value);
            if (!double.IsFinite(value) || value > value0 + C1 * alpha * derivative0 || (evaluations > 1 && value >= previous.Value))
            {
                return Zoom(phi, value0, derivative0, previous, current, evaluations, sawFinite);
            }

            if (Math.Abs(derivative) <= -C2 * derivative0) return new(LineSearchStatus.Converged, alpha, value, derivative, evaluations);
            if (derivative >= 0.0) return Zoom(phi, value0, derivative0, current, previous, evaluations, sawFinite);
            if (evaluations >= MaxEvaluations || alpha >= MaxStep) return new(LineSearchStatus.MaxEvaluations, alpha, value, derivative, evaluations);
            var width = alpha - previous.Step;
            var next = Math.Clamp(CubicMinimizer(previous, current), alpha + 1.1 * width, alpha + 4.0 * width);
            previous = current;
            alpha = Math.Min(double.IsFinite(next) ? next : alpha + 4.0 * width, MaxStep);
        }
    }

    /// <summary>Algorithm 3.6: lo satisfies sufficient decrease and is the best point so far; phi'(lo) (hi - lo) &lt; 0.</summary>
    private LineSearchResult Zoom(LineSearchFunction phi, double value0, double derivative0, Trial lo, Trial hi, int evaluations, bool sawFinite)
    {
        while (true)
        {
            if (evaluations >= MaxEvaluations) return Failed(sawFinite ? LineSearchStatus.MaxEvaluations : LineSearchStatus.NonFiniteValue, hi, evaluations);
            var (a, b) = (Math.Min(lo.Step, hi.Step), Math.Max(lo.Step, hi.Step));
            if (b - a <= 4.0 * FiniteDifferences.MachineEpsilon * b) return Failed(LineSearchStatus.IntervalTooSmall, lo, evaluations);
            var alpha = CubicMinimizer(lo, hi);
            if (!(alpha >= a + 0.1 * (b - a) && alpha <= b - 0.1 * (b - a))) alpha = 0.5 * (a + b);
            var value = phi.Evaluate(alpha, out var derivative);
            evaluations++;
            sawFinite |= double.IsFinite(value);
            var trial = new Trial(alpha, value, derivative);
            if (!double.IsFinite(value) || value > value0 + C1 * alpha * derivative0 || value >= lo.Value)
            {
                hi = trial;
                continue;
            }

            if (Math.Abs(derivative) <= -C2 * derivative0) return new(LineSearchStatus.Converged, alpha, value, derivative, evaluations);
            if (derivative * (hi.Step - lo.Step) >= 0.0) hi = lo;
            lo = trial;
        }
    }

    private static LineSearchResult Failed(LineSearchStatus status, Trial at, int evaluations) =>
        new(status, at.Step, at.Value, at.Derivative, evaluations);

    /// <summary>
    /// Minimizer of the cubic interpolating phi and phi' at a and b (N&amp;W eq. 3.59):
    /// d1 = phi'(a) + phi'(b) - 3 (phi(a) - phi(b)) / (a - b), d2 = sign(b - a) sqrt(d1^2 - phi'(a) phi'(b)),
    /// alpha = b - (b - a) (phi'(b) + d2 - d1) / (phi'(b) - phi'(a) + 2 d2). NaN when it does not exist.
    /// </summary>
    private static double CubicMinimizer(Trial a, Trial b)
    {
        var d1 = a.Derivative + b.Derivative - 3.0 * (a.Value - b.Value) / (a.Step - b.Step);
        var discriminant = d1 * d1 - a.Derivative * b.Derivative;
        if (!(discriminant >= 0.0)) return double.NaN;
        var d2 = Math.CopySign(Math.Sqrt(discriminant), b.Step - a.Step);
        return b.Step - (b.Step - a.Step) * (b.Derivative + d2 - d1) / (b.Derivative - a.Derivative + 2.0 * d2);
    }

    private readonly record struct Trial(double Step, double Value, double Derivative);
}
