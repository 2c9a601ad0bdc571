using System.Numerics.Tensors;

namespace MlMath.Optimization;

/// <summary>
/// Nonlinear conjugate gradients (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Algorithm 5.4):
/// <code>
/// p_0 = -g_0;   p_{k+1} = -g_{k+1} + beta_{k+1} p_k
/// beta (Fletcher-Reeves)   = g_{k+1}'g_{k+1} / g_k'g_k
/// beta (Polak-Ribiere+)    = max(0, g_{k+1}'(g_{k+1} - g_k) / g_k'g_k)
/// </code>
/// restarting with p = -g every n iterations and whenever |g_{k+1}'g_k| &gt;= 0.1 g_{k+1}'g_{k+1} (Powell's
/// test, N&amp;W eq. 5.52), i.e. when successive gradients are far from orthogonal.
/// </summary>
/// <remarks>
/// Only a few vectors of storage, so it scales to large n. Use a strong Wolfe search with c2 &lt; 1/2
/// (<see cref="StrongWolfeLineSearch.ForConjugateGradient"/>): that guarantees descent directions for Fletcher-Reeves
/// (N&amp;W Lemma 5.6). The first trial step is alpha_{k-1} g_{k-1}'p_{k-1} / g_k'p_k (N&amp;W eq. 3.60), because CG's
/// directions are not scaled.
/// </remarks>
public sealed class ConjugateGradient : Minimizer
{
    /// <summary>Creates the minimizer.</summary>
    /// <param name="lineSearch">The line search; <see cref="StrongWolfeLineSearch.ForConjugateGradient"/> is recommended.</param>
    /// <param name="formula">The beta formula (default Polak-Ribiere+).</param>
    /// <param name="options">Stopping rules.</param>
    public ConjugateGradient(ILineSearch lineSearch, ConjugateGradientFormula formula = ConjugateGradientFormula.PolakRibierePlus,
        MinimizerOptions? options = null) : base(lineSearch, options)
    {
        if (!Enum.IsDefined(formula)) throw new ArgumentOutOfRangeException(nameof(formula), formula, $"ConjugateGradient: unknown formula {formula}.");
        Formula = formula;
    }

    /// <summary>The beta formula.</summary>
    public ConjugateGradientFormula Formula { get; }

    private protected override SearchDirection CreateDirection(int n, CountingObjective objective) => new Direction(n, Formula);

    private sealed class Direction(int n, ConjugateGradientFormula formula) : SearchDirection
    {
        private bool _restart = true;
        private int _sinceRestart;
        private double _beta;

        public override void Compute(double[] x, double[] g, double[] p)
        {
            // p holds p_k on entry: p_{k+1} = -g_{k+1} + beta p_k.
            if (_restart)
            {
                TensorPrimitives.Negate(g, p);
                return;
            }

            TensorPrimitives.Multiply(p, _beta, p);
            TensorPrimitives.Subtract(p, g, p);
        }

        public override void Update(double[] x, double[] g, double[] xNew, double[] gNew, double step)
        {
            RememberStep(step);
            var gg = TensorPrimitives.Dot(g, g);
            var gNewgNew = TensorPrimitives.Dot(gNew, gNew);
            var gNewg = TensorPrimitives.Dot(gNew, g);
            _beta = formula == ConjugateGradientFormula.FletcherReeves ? gNewgNew / gg : Math.Max(0.0, (gNewgNew - gNewg) / gg);
            _sinceRestart++;
            _restart = _sinceRestart >= n || Math.Abs(gNewg) >= 0.1 * gNewgNew || !double.IsFinite(_beta);
            if (_restart) _sinceRestart = 0;
        }

        public override void Reset()
        {
            _restart = true;
            _sinceRestart = 0;
        }

        public override double InitialStep(int iteration, double[] g, double[] p, double slope) => ContinuationStep(iteration, p, slope);
    }
}
