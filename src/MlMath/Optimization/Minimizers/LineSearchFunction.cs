using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Optimization;

/// <summary>
/// The objective restricted to a ray, phi(alpha) = f(x + alpha p), with phi'(alpha) = grad f(x + alpha p)' p:
/// the one-dimensional function a line search works on (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed.,
/// 2006, Section 3.1).
/// </summary>
/// <remarks>
/// It counts its evaluations and remembers the point and gradient of the last one, so that a minimizer
/// can take the accepted point from the line search without evaluating it again. Minimizers reuse one instance
/// (and its buffers) for a whole run.
/// </remarks>
public sealed class LineSearchFunction
{
    private readonly IDifferentiableObjective _objective;
    private readonly double[] _x;
    private readonly double[] _p;
    private readonly double[] _xTrial;
    private readonly double[] _gTrial;
    private readonly DenseVector _xTrialVector;
    private readonly DenseVector _gTrialVector;

    /// <summary>Creates phi for the ray from <paramref name="origin"/> along <paramref name="direction"/> (both copied).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public LineSearchFunction(IDifferentiableObjective objective, Vector<double> origin, Vector<double> direction)
        : this(objective, CheckedCopy(origin, direction, out var p), p, new double[origin.Count], new double[origin.Count])
    {
    }

    /// <summary>Shares the minimizer's buffers: x and p are read, the trial buffers written.</summary>
    internal LineSearchFunction(IDifferentiableObjective objective, double[] x, double[] p, double[] xTrial, double[] gTrial)
    {
        ArgumentNullException.ThrowIfNull(objective);
        (_objective, _x, _p, _xTrial, _gTrial) = (objective, x, p, xTrial, gTrial);
        _xTrialVector = new DenseVector(xTrial);
        _gTrialVector = new DenseVector(gTrial);
    }

    /// <summary>The origin x of the ray (a view: do not modify).</summary>
    public Vector<double> Origin => new DenseVector(_x);

    /// <summary>The search direction p (a view: do not modify).</summary>
    public Vector<double> Direction => new DenseVector(_p);

    /// <summary>How many times phi has been evaluated since the last reset.</summary>
    public int Evaluations { get; private set; }

    /// <summary>The step alpha of the last evaluation (NaN before the first).</summary>
    public double LastStep { get; private set; } = double.NaN;

    /// <summary>phi at the last evaluation (NaN before the first).</summary>
    public double LastValue { get; private set; } = double.NaN;

    /// <summary>The point x + alpha p of the last evaluation (internal buffer).</summary>
    internal double[] TrialPoint => _xTrial;

    /// <summary>The gradient at the last evaluated point (internal buffer).</summary>
    internal double[] TrialGradient => _gTrial;

    /// <summary>Returns phi(alpha) = f(x + alpha p) and sets <paramref name="derivative"/> to phi'(alpha) = grad f(x + alpha p)' p.</summary>
    public double Evaluate(double alpha, out double derivative)
    {
        TensorPrimitives.MultiplyAdd(_p, alpha, _x, _xTrial);
        var value = _objective.Evaluate(_xTrialVector, _gTrialVector);
        derivative = TensorPrimitives.Dot(_gTrial, _p);
        Evaluations++;
        LastStep = alpha;
        LastValue = value;
        return value;
    }

    /// <summary>Starts a new line search on the (updated) shared buffers.</summary>
    internal void Reset()
    {
        Evaluations = 0;
        LastStep = double.NaN;
        LastValue = double.NaN;
    }

    private static double[] CheckedCopy(Vector<double> origin, Vector<double> direction, out double[] p)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(direction);
        if (origin.Count != direction.Count)
        {
            throw new ArgumentException($"LineSearchFunction: origin has length {origin.Count}, direction has length {direction.Count}.", nameof(direction));
        }

        p = direction.ToArray();
        return origin.ToArray();
    }
}
