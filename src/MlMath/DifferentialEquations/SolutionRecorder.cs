namespace MlMath.DifferentialEquations;

/// <summary>Collects accepted steps and their interpolants while a solver runs (shared by every solver).</summary>
internal sealed class SolutionRecorder
{
    private readonly List<double> _times = [];
    private readonly List<double[]> _states = [];
    private readonly List<StepInterpolant> _interpolants = [];
    private readonly bool _storeSteps;

    public SolutionRecorder(double t0, double[] y0, bool storeSteps)
    {
        _storeSteps = storeSteps;
        _times.Add(t0);
        _states.Add((double[])y0.Clone());
    }

    public bool StoreSteps => _storeSteps;

    /// <summary>Records the step that ended at (t, y); <paramref name="interpolant"/> covers it (null when not storing).</summary>
    public void Add(double t, ReadOnlySpan<double> y, StepInterpolant? interpolant)
    {
        if (!_storeSteps) return;
        _times.Add(t);
        _states.Add(y.ToArray());
        if (interpolant is not null) _interpolants.Add(interpolant);
    }

    /// <summary>The state array recorded last (shared by a Hermite interpolant as its y1).</summary>
    public double[] LastState => _states[^1];

    public OdeSolution Finish(string method, double t, ReadOnlySpan<double> y, OdeStatistics statistics, OdeStatus status, OdeFunction function)
    {
        if (!_storeSteps && t != _times[0])
        {
            _times.Add(t);
            _states.Add(y.ToArray());
        }

        return new OdeSolution(method, _times, _states, _interpolants, statistics, status, function);
    }
}
