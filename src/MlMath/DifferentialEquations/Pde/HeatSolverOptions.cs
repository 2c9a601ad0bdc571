using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>Settings of <see cref="HeatEquationSolver.Solve"/>, validated when set.</summary>
public sealed record HeatSolverOptions
{
    /// <summary>
    /// When true, <see cref="HeatScheme.ExplicitFtcs"/> runs even beyond its stability limit dt &lt;= dx^2 / (2 alpha)
    /// (to watch it blow up); by default that is an error. Default false.
    /// </summary>
    public bool AllowUnstable { get; init; }

    /// <summary>
    /// Rannacher start-up (Rannacher 1984; Giles &amp; Carter 2006): for Crank-Nicolson, the first this-many time steps
    /// are each replaced by two implicit Euler half steps, which damp the high-frequency error of a non-smooth initial
    /// condition that Crank-Nicolson alone would carry along undamped (its G -&gt; -1). Default 0; must be &gt;= 0.
    /// </summary>
    public int RannacherSteps
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(RannacherSteps), value,
            string.Create(CultureInfo.InvariantCulture, $"HeatSolverOptions.RannacherSteps = {value} must be >= 0."));
    }

    /// <summary>Keep every k-th time level in the solution (the last one always); default 1 (all). Must be &gt; 0.</summary>
    public int SaveEvery
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(SaveEvery), value,
            string.Create(CultureInfo.InvariantCulture, $"HeatSolverOptions.SaveEvery = {value} must be > 0."));
    } = 1;
}
