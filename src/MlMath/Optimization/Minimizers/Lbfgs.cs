using System.Numerics.Tensors;
using MlMath.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Algorithms 7.4 and 7.5; Liu &amp;
/// Nocedal, Math. Programming 45, 1989): p_k = -H_k g_k, where H_k is the BFGS inverse Hessian built from the last m
/// pairs s_i = x_{i+1} - x_i, y_i = g_{i+1} - g_i, applied by the two-loop recursion:
/// <code>
/// q = g
/// for i = k-1, ..., k-m:   a_i = rho_i s_i'q;   q = q - a_i y_i          (rho_i = 1 / y_i's_i)
/// r = gamma q,   gamma = s_{k-1}'y_{k-1} / y_{k-1}'y_{k-1}               (N&amp;W eq. 7.20)
/// for i = k-m, ..., k-1:   b = rho_i y_i'r;   r = r + (a_i - b) s_i
/// p = -r
/// </code>
/// </summary>
/// <remarks>
/// O(mn) memory and about 4mn flops per iteration, so it is the method of choice for large smooth problems (and
/// for full-batch training of small networks: <see cref="Minimizer.Minimize(NeuralNetworks.Module, Func{Autodiff.Variable}, CancellationToken, IProgress{MinimizationIteration}?)"/>).
/// A pair with s'y &lt;= eps y'y (eps = 2.2e-16, the test of L-BFGS-B) is not stored, which keeps H positive definite.
/// The first trial step is 1 / ||p||_2 while no pair is stored, then 1. Use <see cref="StrongWolfeLineSearch"/>.
/// </remarks>
public sealed class Lbfgs : Minimizer
{
    /// <summary>Creates the minimizer.</summary>
    /// <param name="lineSearch">The line search; <see cref="StrongWolfeLineSearch"/> with c2 = 0.9 is recommended.</param>
    /// <param name="memory">m, the number of (s, y) pairs kept (default 10; 3 to 20 is typical).</param>
    /// <param name="options">Stopping rules.</param>
    /// <exception cref="ArgumentOutOfRangeException">memory &lt; 1.</exception>
    public Lbfgs(ILineSearch lineSearch, int memory = 10, MinimizerOptions? options = null) : base(lineSearch, options)
    {
        if (memory < 1) throw new ArgumentOutOfRangeException(nameof(memory), memory, $"Lbfgs: memory must be >= 1, but is {memory}.");
        Memory = memory;
    }

    /// <summary>m, the number of correction pairs kept.</summary>
    public int Memory { get; }

    private protected override SearchDirection CreateDirection(int n, CountingObjective objective) => new Direction(n, Memory);

    private sealed class Direction : SearchDirection
    {
        private readonly double[][] _s;
        private readonly double[][] _y;
        private readonly double[] _rho;
        private readonly double[] _a;
        private double[] _sNew;
        private double[] _yNew;
        private int _count;  // pairs stored
        private int _newest = -1; // slot of the newest pair (ring buffer)
        private double _gamma = 1.0;

        public Direction(int n, int memory)
        {
            _s = new double[memory][];
            _y = new double[memory][];
            for (var i = 0; i < memory; i++) (_s[i], _y[i]) = (new double[n], new double[n]);
            _rho = new double[memory];
            _a = new double[memory];
            (_sNew, _yNew) = (new double[n], new double[n]);
        }

        public override void Compute(double[] x, double[] g, double[] p)
        {
            // Works on p = -q (so a_i and b below are the negatives of N&W's), ending with p = -H g without a final negation.
            TensorPrimitives.Negate(g, p);
            var m = _s.Length;
            for (var j = 0; j < _count; j++)
            {
                var i = (_newest - j + m) % m;
                _a[i] = _rho[i] * TensorPrimitives.Dot(_s[i], p);
                TensorPrimitives.MultiplyAdd(_y[i], -_a[i], p, p);
            }

            TensorPrimitives.Multiply(p, _gamma, p);
            for (var j = _count - 1; j >= 0; j--)
            {
                var i = (_newest - j + m) % m;
                var b = _rho[i] * TensorPrimitives.Dot(_y[i], p);
                TensorPrimitives.MultiplyAdd(_s[i], _a[i] - b, p, p);
            }
        }

        public override void Update(double[] x, double[] g, double[] xNew, double[] gNew, double step)
        {
            TensorPrimitives.Subtract(xNew, x, _sNew);
            TensorPrimitives.Subtract(gNew, g, _yNew);
            var sy = TensorPrimitives.Dot(_sNew, _yNew);
            var yy = TensorPrimitives.Dot(_yNew, _yNew);
            if (!(sy > FiniteDifferences.MachineEpsilon * yy)) return; // curvature condition fails: skip the pair
            var slot = (_newest + 1) % _s.Length; // the oldest pair's slot once the memory is full
            (_s[slot], _sNew) = (_sNew, _s[slot]);
            (_y[slot], _yNew) = (_yNew, _y[slot]);
            _rho[slot] = 1.0 / sy;
            _gamma = sy / yy;
            _newest = slot;
            _count = Math.Min(_count + 1, _s.Length);
        }

        public override void Reset()
        {
            (_count, _newest, _gamma) = (0, -1, 1.0);
        }

        public override double InitialStep(int iteration, double[] g, double[] p, double slope) => _count == 0 ? FirstStep(p) : 1.0;
    }
}
