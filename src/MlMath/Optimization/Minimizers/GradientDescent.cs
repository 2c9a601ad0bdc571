namespace MlMath.Optimization;

/// <summary>
/// Steepest descent with a line search: p_k = -grad f(x_k), x_{k+1} = x_k + alpha_k p_k
/// (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Section 3.3).
/// </summary>
/// <remarks>
/// The simplest method and the baseline: it converges linearly with rate ((kappa - 1) / (kappa + 1))^2 on a
/// quadratic with condition number kappa (N&amp;W Theorem 3.3), so it is very slow on ill-conditioned problems such
/// as Rosenbrock's valley. The first trial step is alpha_{k-1} g_{k-1}'p_{k-1} / g_k'p_k (N&amp;W eq. 3.60).
/// </remarks>
public sealed class GradientDescent : Minimizer
{
    /// <summary>Creates the minimizer with its line search (e.g. <see cref="BacktrackingArmijoLineSearch"/>) and options.</summary>
    public GradientDescent(ILineSearch lineSearch, MinimizerOptions? options = null) : base(lineSearch, options)
    {
    }

    private protected override SearchDirection CreateDirection(int n, CountingObjective objective) => new Direction();

    private sealed class Direction : SearchDirection
    {
        public override void Compute(double[] x, double[] g, double[] p) => System.Numerics.Tensors.TensorPrimitives.Negate(g, p);

        public override void Update(double[] x, double[] g, double[] xNew, double[] gNew, double step) => RememberStep(step);

        public override double InitialStep(int iteration, double[] g, double[] p, double slope) => ContinuationStep(iteration, p, slope);
    }
}
