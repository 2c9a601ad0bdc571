using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>
/// Line-search Newton-CG, the truncated Newton method (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed.,
/// Algorithm 7.1): the Newton equation H_k p = -g_k is solved approximately by conjugate gradients, which needs only
/// Hessian-vector products:
/// <code>
/// eps = min(0.5, sqrt(||g||)) ||g||;   z = 0, r = g, d = -g
/// repeat:
///     if d'Hd &lt;= 0:  return p = (first CG iteration ? -g : z)     (negative curvature exit)
///     a = r'r / d'Hd;   z = z + a d;   r+ = r + a Hd
///     if ||r+|| &lt; eps:  return p = z
///     d = -r+ + (r+'r+ / r'r) d;   r = r+
/// </code>
/// followed by a line search with first trial step 1.
/// </summary>
/// <remarks>
/// The forcing term min(0.5, sqrt(||g||)) gives superlinear convergence (N&amp;W Theorem 7.2). Hessian-vector products come
/// from the objective when it implements <see cref="IHessianVectorProduct"/> (exact, e.g. <see cref="Objective.FromVariable"/>),
/// else from a forward difference of the gradient, H d ~ (g(x + h d) - g(x)) / h with h = sqrt(eps) (1 + ||x||) / ||d||
/// (N&amp;W eq. 8.10), costing one gradient evaluation each. CG is capped at n iterations unless set lower.
/// </remarks>
public sealed class NewtonCg : Minimizer
{
    /// <summary>Creates the minimizer.</summary>
    /// <param name="lineSearch">The line search (<see cref="BacktrackingArmijoLineSearch"/> or <see cref="StrongWolfeLineSearch"/>).</param>
    /// <param name="maxCgIterations">Cap on inner CG iterations per Newton step (default: n).</param>
    /// <param name="options">Stopping rules.</param>
    /// <exception cref="ArgumentOutOfRangeException">maxCgIterations &lt; 1.</exception>
    public NewtonCg(ILineSearch lineSearch, int? maxCgIterations = null, MinimizerOptions? options = null) : base(lineSearch, options)
    {
        if (maxCgIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCgIterations), maxCgIterations, $"NewtonCg: maxCgIterations must be >= 1, but is {maxCgIterations}.");
        }

        MaxCgIterations = maxCgIterations;
    }

    /// <summary>Cap on inner CG iterations per Newton step (null: n).</summary>
    public int? MaxCgIterations { get; }

    private protected override SearchDirection CreateDirection(int n, CountingObjective objective) =>
        new Direction(n, Math.Min(MaxCgIterations ?? n, n), objective);

    private sealed class Direction(int n, int maxCgIterations, CountingObjective objective) : SearchDirection
    {
        private readonly double[] _r = new double[n];
        private readonly double[] _d = new double[n];
        private readonly double[] _hd = new double[n];
        private readonly double[] _xh = new double[n];
        private readonly double[] _gh = new double[n];

        public override void Compute(double[] x, double[] g, double[] p)
        {
            var z = p;
            Array.Clear(z);
            g.CopyTo(_r, 0);
            TensorPrimitives.Negate(g, _d);
            var gNorm = TensorPrimitives.Norm(g);
            var tolerance = Math.Min(0.5, Math.Sqrt(gNorm)) * gNorm;
            var rr = TensorPrimitives.Dot(_r, _r);
            for (var j = 0; j < maxCgIterations; j++)
            {
                HessianTimes(x, g, _d, _hd);
                var curvature = TensorPrimitives.Dot(_d, _hd);
                if (!(curvature > 0.0))
                {
                    if (j == 0) TensorPrimitives.Negate(g, p);
                    return;
                }

                var a = rr / curvature;
                TensorPrimitives.MultiplyAdd(_d, a, z, z);
                TensorPrimitives.MultiplyAdd(_hd, a, _r, _r);
                var rrNew = TensorPrimitives.Dot(_r, _r);
                if (Math.Sqrt(rrNew) < tolerance) return;
                TensorPrimitives.Multiply(_d, rrNew / rr, _d);
                TensorPrimitives.Subtract(_d, _r, _d);
                rr = rrNew;
            }
        }

        public override void Update(double[] x, double[] g, double[] xNew, double[] gNew, double step)
        {
        }

        public override double InitialStep(int iteration, double[] g, double[] p, double slope) => 1.0;

        private void HessianTimes(double[] x, double[] g, double[] v, double[] result)
        {
            if (objective.HasHessianVectorProduct)
            {
                objective.HessianVectorProduct(new DenseVector(x), new DenseVector(v), new DenseVector(result));
                return;
            }

            var h = Math.Sqrt(FiniteDifferences.MachineEpsilon) * (1.0 + TensorPrimitives.Norm(x)) / TensorPrimitives.Norm(v);
            TensorPrimitives.MultiplyAdd(v, h, x, _xh);
            objective.Gradient(new DenseVector(_xh), new DenseVector(_gh));
            TensorPrimitives.Subtract(_gh, g, result);
            TensorPrimitives.Multiply(result, 1.0 / h, result);
        }
    }
}
