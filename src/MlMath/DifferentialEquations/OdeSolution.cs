using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.DifferentialEquations;

/// <summary>
/// The result of an integration: every accepted step (times and states), the work done, why it stopped, and dense
/// output (y at any t inside the integrated span, from the method's own interpolant).
/// </summary>
public sealed class OdeSolution
{
    private readonly List<double> _times;
    private readonly List<double[]> _states;
    private readonly List<StepInterpolant> _interpolants;
    private readonly OdeFunction _function;

    internal OdeSolution(string method, List<double> times, List<double[]> states, List<StepInterpolant> interpolants,
        OdeStatistics statistics, OdeStatus status, OdeFunction function)
    {
        Method = method;
        _times = times;
        _states = states;
        _interpolants = interpolants;
        Statistics = statistics;
        Status = status;
        _function = function;
    }

    /// <summary>The solver's name.</summary>
    public string Method { get; }

    /// <summary>Why the integration stopped.</summary>
    public OdeStatus Status { get; }

    /// <summary>Function evaluations, accepted and rejected steps, Jacobians and LU factorisations.</summary>
    public OdeStatistics Statistics { get; }

    /// <summary>The times of the accepted steps, t0 first (only t0 and the final time when steps were not stored).</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>The states at <see cref="Times"/> (copies).</summary>
    public IReadOnlyList<Vector<double>> States => _states.Select(s => Vector<double>.Build.DenseOfArray((double[])s.Clone())).ToList();

    /// <summary>The last time reached (t1 on success).</summary>
    public double FinalTime => _times[^1];

    /// <summary>The state at <see cref="FinalTime"/>.</summary>
    public Vector<double> FinalState => Vector<double>.Build.DenseOfArray((double[])_states[^1].Clone());

    /// <summary>True when every step's interpolant was kept (<see cref="OdeSolverOptions.StoreSteps"/>).</summary>
    public bool HasDenseOutput => _interpolants.Count == _times.Count - 1;

    /// <summary>y(t) by dense output, for t between the start and <see cref="FinalTime"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">t is outside the integrated span.</exception>
    /// <exception cref="InvalidOperationException">Steps were not stored.</exception>
    public Vector<double> Evaluate(double t)
    {
        var result = new double[_states[0].Length];
        Evaluate(t, result);
        return Vector<double>.Build.DenseOfArray(result);
    }

    /// <summary>The states at several times as a matrix, one row per time.</summary>
    public Matrix<double> Evaluate(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var result = Matrix<double>.Build.Dense(times.Count, _states[0].Length);
        var row = new double[_states[0].Length];
        for (var i = 0; i < times.Count; i++)
        {
            Evaluate(times[i], row);
            for (var j = 0; j < row.Length; j++) result[i, j] = row[j];
        }

        return result;
    }

    /// <summary>y(t) by dense output, written into <paramref name="destination"/>.</summary>
    public void Evaluate(double t, Span<double> destination)
    {
        if (!HasDenseOutput)
        {
            throw new InvalidOperationException("OdeSolution.Evaluate: the steps were not stored (OdeSolverOptions.StoreSteps = false).");
        }

        var (t0, t1) = (_times[0], _times[^1]);
        var (lo, hi) = (Math.Min(t0, t1), Math.Max(t0, t1));
        if (!(t >= lo && t <= hi))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, string.Create(CultureInfo.InvariantCulture, $"OdeSolution.Evaluate: t = {t} is outside the integrated span [{lo}, {hi}]."));
        }

        if (_interpolants.Count == 0)
        {
            _states[0].CopyTo(destination);
            return;
        }

        var index = FindStep(t);
        var step = _interpolants[index];
        if (step is HermiteInterpolant { F1: null } hermite)
        {
            hermite.F1 = new double[destination.Length];
            _function(step.T0 + step.H, hermite.Y1, hermite.F1);
        }

        step.Evaluate(Math.Clamp((t - step.T0) / step.H, 0, 1), destination);
    }

    private int FindStep(double t)
    {
        // Binary search on the (monotone, either direction) step times.
        var forward = _times[^1] > _times[0];
        int lo = 0, hi = _interpolants.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            var end = _times[mid + 1];
            if (forward ? t <= end : t >= end) hi = mid;
            else lo = mid + 1;
        }

        return lo;
    }
}
