using System.Numerics.Tensors;
using MlMath.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>
/// The BFGS quasi-Newton method with the inverse-Hessian update (Nocedal &amp; Wright, <i>Numerical Optimization</i>,
/// 2nd ed., Algorithm 6.1):
/// <code>
/// p_k = -H_k g_k
/// s = x_{k+1} - x_k,  y = g_{k+1} - g_k,  rho = 1 / y's
/// H_{k+1} = (I - rho s y') H_k (I - rho y s') + rho s s'
/// </code>
/// with H_0 = I for the first step and, just before the first update, the scaling H_0 = (y's / y'y) I (N&amp;W eq. 6.20).
/// </summary>
/// <remarks>
/// Stores the dense n x n matrix H (O(n^2) memory and work per iteration): for large n use <see cref="Lbfgs"/>.
/// Needs a Wolfe line search (<see cref="StrongWolfeLineSearch"/>), which guarantees y's &gt; 0 and so keeps H positive
/// definite; an update with y's &lt;= eps y'y (eps = 2.2e-16) is skipped. The first trial step is 1 / ||p||_2 before
/// any update, then 1. The update is applied as H - rho (s (Hy)' + (Hy) s') + (rho^2 y'Hy + rho) s s', which expands
/// the product form using H = H'.
/// </remarks>
public sealed class Bfgs : Minimizer
{
    /// <summary>Creates the minimizer with its line search (<see cref="StrongWolfeLineSearch"/> recommended) and options.</summary>
    public Bfgs(ILineSearch lineSearch, MinimizerOptions? options = null) : base(lineSearch, options)
    {
    }

    private protected override SearchDirection CreateDirection(int n, CountingObjective objective) => new Direction(n);

    private sealed class Direction(int n) : SearchDirection
    {
        private readonly double[] _h = new double[n * n]; // row-major, symmetric
        private readonly double[] _s = new double[n];
        private readonly double[] _y = new double[n];
        private readonly double[] _hy = new double[n];
        private bool _updated;

        public override void Compute(double[] x, double[] g, double[] p)
        {
            if (!_updated)
            {
                TensorPrimitives.Negate(g, p);
                return;
            }

            for (var i = 0; i < n; i++) p[i] = -TensorPrimitives.Dot(new ReadOnlySpan<double>(_h, i * n, n), g);
        }

        public override void Update(double[] x, double[] g, double[] xNew, double[] gNew, double step)
        {
            TensorPrimitives.Subtract(xNew, x, _s);
            TensorPrimitives.Subtract(gNew, g, _y);
            var sy = TensorPrimitives.Dot(_s, _y);
            var yy = TensorPrimitives.Dot(_y, _y);
            if (!(sy > FiniteDifferences.MachineEpsilon * yy)) return; // curvature condition fails: skip
            if (!_updated)
            {
                Array.Clear(_h);
                for (var i = 0; i < n; i++) _h[i * n + i] = sy / yy;
                _updated = true;
            }

            for (var i = 0; i < n; i++) _hy[i] = TensorPrimitives.Dot(new ReadOnlySpan<double>(_h, i * n, n), _y);
            var rho = 1.0 / sy;
            var ss = rho * rho * TensorPrimitives.Dot(_y, _hy) + rho;
            for (var i = 0; i < n; i++)
            {
                var row = new Span<double>(_h, i * n, n);
                TensorPrimitives.MultiplyAdd(_hy, -rho * _s[i], row, row);
                TensorPrimitives.MultiplyAdd(_s, ss * _s[i] - rho * _hy[i], row, row);
            }
        }

        public override void Reset() => _updated = false;

        public override double InitialStep(int iteration, double[] g, double[] p, double slope) => _updated ? 1.0 : FirstStep(p);
    }
}
