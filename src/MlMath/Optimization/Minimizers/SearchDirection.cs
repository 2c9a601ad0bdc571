using System.Numerics.Tensors;

namespace MlMath.Optimization;

/// <summary>
/// The per-run state of a minimizer: how it turns the gradient into a search direction p, what it learns from
/// each accepted step, and which step its line search tries first. Each public minimizer has one sealed leaf.
/// </summary>
internal abstract class SearchDirection
{
    /// <summary>Writes the search direction into <paramref name="p"/>; on entry p holds the previous direction (zeros at first).</summary>
    public abstract void Compute(double[] x, double[] g, double[] p);

    /// <summary>Learns from the accepted step x -&gt; xNew (line-search step <paramref name="step"/>).</summary>
    public abstract void Update(double[] x, double[] g, double[] xNew, double[] gNew, double step);

    /// <summary>Forgets curvature information; called when the direction was not a descent direction and -g was used instead.</summary>
    public virtual void Reset()
    {
    }

    /// <summary>The first step the line search tries at iteration k, given the slope g'p.</summary>
    public abstract double InitialStep(int iteration, double[] g, double[] p, double slope);

    /// <summary>
    /// First trial step of a run, 1 / ||p||_2 (as SciPy's L-BFGS-B), so that the first trial point is at distance 1:
    /// the gradient's scale carries no information about the step length yet.
    /// </summary>
    protected static double FirstStep(double[] p) => 1.0 / TensorPrimitives.Norm(p);

    /// <summary>
    /// Initial step for methods whose directions are not scaled (gradient descent, conjugate gradients): assume the
    /// first-order change is the same as last time, alpha_0 = alpha_{k-1} (g_{k-1}' p_{k-1}) / (g_k' p_k)
    /// (Nocedal &amp; Wright eq. 3.60); 1 / ||p||_2 at the first iteration. Call <see cref="RememberStep"/> in Update.
    /// </summary>
    protected double ContinuationStep(int iteration, double[] p, double slope)
    {
        var step = iteration == 0 || double.IsNaN(_previousStep) ? FirstStep(p) : _previousStep * _previousSlope / slope;
        _previousSlope = slope;
        return step;
    }

    /// <summary>Records the accepted step for <see cref="ContinuationStep"/>.</summary>
    protected void RememberStep(double step) => _previousStep = step;

    private double _previousStep = double.NaN;
    private double _previousSlope = double.NaN;
}
