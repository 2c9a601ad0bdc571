using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;

namespace MlMath.DifferentialEquations;

/// <summary>
/// An initial value problem dy/dt = f(t, y), y(t0) = y0, to be solved on [t0, t1] (or [t1, t0] backwards in time
/// when t1 &lt; t0).
/// </summary>
/// <remarks>
/// Existence and uniqueness (Picard-Lindelof; Hairer, Norsett &amp; Wanner I, I.7): if f is continuous and
/// Lipschitz in y near (t0, y0), the problem has exactly one solution on some interval around t0.
/// </remarks>
public sealed class OdeProblem
{
    /// <summary>Creates the problem. The initial value is copied.</summary>
    /// <param name="function">f(t, y), in place.</param>
    /// <param name="initialValue">y0 (length n &gt; 0, finite).</param>
    /// <param name="timeStart">t0.</param>
    /// <param name="timeEnd">t1 (must differ from t0).</param>
    /// <param name="jacobian">Optional df/dy for stiff solvers; they use forward differences without it.</param>
    /// <exception cref="ArgumentException">y0 is empty or not finite, a time is not finite, or t0 = t1.</exception>
    public OdeProblem(OdeFunction function, Vector<double> initialValue, double timeStart, double timeEnd, OdeJacobian? jacobian = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(initialValue);
        if (initialValue.Count == 0) throw new ArgumentException("OdeProblem: the initial value is empty.", nameof(initialValue));
        for (var i = 0; i < initialValue.Count; i++)
        {
            if (!double.IsFinite(initialValue[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"OdeProblem: y0[{i}] = {initialValue[i]} is not finite."), nameof(initialValue));
            }
        }

        if (!double.IsFinite(timeStart) || !double.IsFinite(timeEnd))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"OdeProblem: the time span [{timeStart}, {timeEnd}] is not finite."), nameof(timeEnd));
        }

        if (timeStart == timeEnd)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"OdeProblem: the time span has zero length (t0 = t1 = {timeStart})."), nameof(timeEnd));
        }

        Function = function;
        InitialValueArray = initialValue.ToArray();
        TimeStart = timeStart;
        TimeEnd = timeEnd;
        Jacobian = jacobian;
    }

    /// <summary>The right-hand side f(t, y).</summary>
    public OdeFunction Function { get; }

    /// <summary>df/dy, or null.</summary>
    public OdeJacobian? Jacobian { get; }

    /// <summary>t0.</summary>
    public double TimeStart { get; }

    /// <summary>t1.</summary>
    public double TimeEnd { get; }

    /// <summary>The dimension n of the state.</summary>
    public int Dimension => InitialValueArray.Length;

    /// <summary>y0 (a copy).</summary>
    public Vector<double> InitialValue => Vector<double>.Build.DenseOfArray((double[])InitialValueArray.Clone());

    internal double[] InitialValueArray { get; }

    /// <summary>
    /// A problem from a right-hand side that returns a new vector (convenient, allocates per evaluation). Each
    /// evaluation checks the returned length.
    /// </summary>
    /// <exception cref="ArgumentException">As for the constructor; during solving, f returning a vector of the wrong length.</exception>
    public static OdeProblem FromVectorFunction(Func<double, Vector<double>, Vector<double>> function, Vector<double> initialValue,
        double timeStart, double timeEnd)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(initialValue);
        var n = initialValue.Count;
        return new OdeProblem((t, y, dydt) =>
        {
            var result = function(t, Vector<double>.Build.DenseOfArray(y.ToArray()));
            if (result is null || result.Count != n)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"OdeProblem: f(t = {t}, y) returned a vector of length {result?.Count ?? 0}; the state has length {n}."), nameof(function));
            }

            result.AsArray()?.CopyTo(dydt);
            if (result.AsArray() is null)
            {
                for (var i = 0; i < n; i++) dydt[i] = result[i];
            }
        }, initialValue, timeStart, timeEnd);
    }

    /// <summary>
    /// A problem whose right-hand side is written with Variables on a 1 x n row state, so that stiff solvers get the
    /// exact Jacobian from the autodiff engine: row i of J is the vector-Jacobian product e_i^T df/dy, one backward
    /// pass each (Griewank &amp; Walther, Evaluating Derivatives, ch. 3). f itself is evaluated without a graph.
    /// </summary>
    /// <exception cref="ArgumentException">As for the constructor; during solving, f returning the wrong shape.</exception>
    public static OdeProblem FromVariableFunction(Func<double, Variable, Variable> function, Vector<double> initialValue,
        double timeStart, double timeEnd)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(initialValue);
        var n = initialValue.Count;
        return new OdeProblem(VariableStateAdapter.ToOdeFunction(function, 1, n), initialValue, timeStart, timeEnd, (t, y, jacobian) =>
        {
            using var _ = GradMode.EnableGrad();
            var state = new Variable(Matrix<double>.Build.Dense(1, n, y.ToArray()), requiresGrad: true);
            var output = function(t, state);
            VariableStateAdapter.CheckShape(output, 1, n, t);
            for (var i = 0; i < n; i++)
            {
                var seed = Variable.Constant(Matrix<double>.Build.Dense(1, n, (_, j) => j == i ? 1.0 : 0.0));
                var row = output.RequiresGrad ? Gradients.Of(output, [state], seed, allowUnused: true)[0].Value : Matrix<double>.Build.Dense(1, n);
                for (var j = 0; j < n; j++) jacobian[i, j] = row[0, j];
            }
        });
    }

    /// <summary>Evaluates f(t, y) once and checks every entry is finite (solvers call this at t0).</summary>
    internal void EvaluateChecked(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        Function(t, y, dydt);
        for (var i = 0; i < dydt.Length; i++)
        {
            if (!double.IsFinite(dydt[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"OdeProblem: f(t = {t}, y) returned {dydt[i]} at index {i}; the right-hand side must be finite."), "problem");
            }
        }
    }
}
