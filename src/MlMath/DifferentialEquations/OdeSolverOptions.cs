using System.Globalization;

namespace MlMath.DifferentialEquations;

/// <summary>
/// Settings of an integration, validated when set. With <see cref="FixedStep"/> null the solver is adaptive: it
/// keeps the estimated local error below atol + rtol |y| componentwise (in the RMS norm of
/// <see cref="StepSizeControl.ErrorNorm"/>).
/// </summary>
/// <remarks>
/// Defaults: rtol = 1e-6, atol = 1e-9 (tighter than SciPy's 1e-3 / 1e-6, since this is a numerical-analysis
/// library), safety 0.9, step factor in [0.2, 10] (Hairer's DOPRI5 and SciPy's solve_ivp use the same bounds).
/// </remarks>
public sealed record OdeSolverOptions
{
    private readonly double _rtol = 1e-6;
    private readonly double _atol = 1e-9;
    private readonly double? _fixedStep;
    private readonly double? _initialStep;
    private readonly double _maxStep = double.PositiveInfinity;
    private readonly int _maxSteps = 1_000_000;
    private readonly double _safety = 0.9;
    private readonly double _minFactor = 0.2;
    private readonly double _maxFactor = 10.0;

    /// <summary>rtol &gt; 0: the relative part of the tolerance.</summary>
    public double RelativeTolerance { get => _rtol; init => _rtol = Positive(value, nameof(RelativeTolerance)); }

    /// <summary>atol &gt; 0: the absolute part of the tolerance (matters where |y| is near zero).</summary>
    public double AbsoluteTolerance { get => _atol; init => _atol = Positive(value, nameof(AbsoluteTolerance)); }

    /// <summary>When set, the fixed step size |h| &gt; 0 (the span is cut into ceil(|t1 - t0| / h) equal steps);
    /// null for adaptive stepping.</summary>
    public double? FixedStep { get => _fixedStep; init => _fixedStep = value is { } v ? Positive(v, nameof(FixedStep)) : null; }

    /// <summary>The first step |h0| &gt; 0 of adaptive stepping; null for the automatic choice of
    /// <see cref="StepSizeControl.InitialStep"/>.</summary>
    public double? InitialStep { get => _initialStep; init => _initialStep = value is { } v ? Positive(v, nameof(InitialStep)) : null; }

    /// <summary>The largest step |h| allowed (default: unbounded).</summary>
    public double MaxStep { get => _maxStep; init => _maxStep = value > 0 ? value : throw Bad(nameof(MaxStep), value, "must be > 0"); }

    /// <summary>The most steps (accepted + rejected) before the solver stops with <see cref="OdeStatus.MaxStepsExceeded"/>.</summary>
    public int MaxSteps { get => _maxSteps; init => _maxSteps = value > 0 ? value : throw Bad(nameof(MaxSteps), value, "must be > 0"); }

    /// <summary>The safety factor of the step-size controller, in (0, 1].</summary>
    public double Safety { get => _safety; init => _safety = value is > 0 and <= 1 ? value : throw Bad(nameof(Safety), value, "must be in (0, 1]"); }

    /// <summary>The smallest factor by which one step may shrink h, in (0, 1).</summary>
    public double MinFactor { get => _minFactor; init => _minFactor = value is > 0 and < 1 ? value : throw Bad(nameof(MinFactor), value, "must be in (0, 1)"); }

    /// <summary>The largest factor by which one step may grow h, &gt; 1.</summary>
    public double MaxFactor { get => _maxFactor; init => _maxFactor = value > 1 && double.IsFinite(value) ? value : throw Bad(nameof(MaxFactor), value, "must be finite and > 1"); }

    /// <summary>When false, only the final state is kept (no dense output), so long integrations use constant memory.</summary>
    public bool StoreSteps { get; init; } = true;

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw Bad(name, value, "must be finite and > 0");

    private static ArgumentOutOfRangeException Bad(string name, double value, string rule) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"OdeSolverOptions.{name} = {value} {rule}."));
}
