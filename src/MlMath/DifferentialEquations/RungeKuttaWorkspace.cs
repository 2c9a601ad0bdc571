namespace MlMath.DifferentialEquations;

/// <summary>
/// The buffers of one explicit Runge-Kutta step (the stages k_1..k_s, a stage state and the error), allocated once
/// so that <see cref="ExplicitRungeKutta.Step"/> allocates nothing.
/// </summary>
public sealed class RungeKuttaWorkspace
{
    /// <summary>Allocates buffers for <paramref name="tableau"/> and states of length <paramref name="dimension"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">dimension &lt; 1.</exception>
    public RungeKuttaWorkspace(ButcherTableau tableau, int dimension)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Tableau = tableau;
        Dimension = dimension;
        K = new double[tableau.Stages][];
        for (var i = 0; i < K.Length; i++) K[i] = new double[dimension];
        StageState = new double[dimension];
        Error = new double[dimension];
    }

    /// <summary>The tableau the buffers are sized for.</summary>
    public ButcherTableau Tableau { get; }

    /// <summary>The state dimension n.</summary>
    public int Dimension { get; }

    /// <summary>The stage derivatives k_i of the last step (k_1 = f(t, y) first).</summary>
    public IReadOnlyList<double[]> Stages => K;

    internal double[][] K { get; }

    internal double[] StageState { get; }

    internal double[] Error { get; }

    /// <summary>FSAL: the last stage becomes the next step's first (swap, no copy).</summary>
    internal void PromoteLastStage() => (K[0], K[^1]) = (K[^1], K[0]);
}
