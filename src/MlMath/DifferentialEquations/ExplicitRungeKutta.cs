using System.Numerics.Tensors;

namespace MlMath.DifferentialEquations;

/// <summary>
/// Every explicit Runge-Kutta method, driven by its <see cref="ButcherTableau"/>: one generic step, a fixed-step
/// driver and an adaptive driver (embedded error estimate, RMS error norm, PI step-size control, automatic initial
/// step, dense output). The same class integrates Variable states, differentiably
/// (<c>ExplicitRungeKutta.Variables.cs</c>).
/// </summary>
/// <remarks>
/// The step (Hairer, Norsett &amp; Wanner I, II.1): k_i = f(t + c_i h, y + h sum_{j&lt;i} a_ij k_j),
/// y_new = y + h sum_i b_i k_i, err = h sum_i (b_i - bhat_i) k_i. FSAL tableaux reuse their last stage as the
/// next first stage, so an accepted step costs s - 1 evaluations.
/// </remarks>
public sealed partial class ExplicitRungeKutta : IOdeSolver
{
    /// <summary>Creates the solver for <paramref name="tableau"/>.</summary>
    public ExplicitRungeKutta(ButcherTableau tableau)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        Tableau = tableau;
    }

    /// <summary>The method.</summary>
    public ButcherTableau Tableau { get; }

    /// <inheritdoc />
    public string Name => Tableau.Name;

    /// <summary>
    /// One step from (t, y) with step h into <paramref name="yNew"/>, allocating nothing: evaluates k_1 = f(t, y) and
    /// the other stages (for an FSAL tableau also the last, f(t + h, y_new)); the stages stay in the workspace.
    /// </summary>
    /// <exception cref="ArgumentException">The workspace belongs to another tableau or dimension.</exception>
    public void Step(OdeFunction function, double t, ReadOnlySpan<double> y, double h, Span<double> yNew, RungeKuttaWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.Tableau != Tableau || workspace.Dimension != y.Length || yNew.Length != y.Length)
        {
            throw new ArgumentException($"ExplicitRungeKutta.Step: the workspace is for {workspace.Tableau.Name} with n = {workspace.Dimension}; the step is {Name} with n = {y.Length} (yNew {yNew.Length}).", nameof(workspace));
        }

        function(t, y, workspace.K[0]);
        Stages(function, t, y, h, yNew, workspace);
    }

    /// <summary>Stages 2..s and y_new, given k_1 in workspace.K[0]. Costs s - 1 evaluations.</summary>
    internal void Stages(OdeFunction function, double t, ReadOnlySpan<double> y, double h, Span<double> yNew, RungeKuttaWorkspace workspace)
    {
        var k = workspace.K;
        var c = Tableau.CArray;
        var s = k.Length;
        for (var i = 1; i < s; i++)
        {
            // For FSAL the last stage's argument y + h sum_j a_sj k_j is y_new itself (a_s = b).
            Span<double> stageState = Tableau.IsFsal && i == s - 1 ? yNew : workspace.StageState;
            Combine(y, h, Tableau.RowA(i), k, stageState);
            function(t + c[i] * h, stageState, k[i]);
        }

        if (!Tableau.IsFsal) Combine(y, h, Tableau.BArray, k, yNew);
    }

    /// <summary>The error norm of the last step: ||h sum_i e_i k_i|| (<see cref="StepSizeControl.ErrorNorm"/>).</summary>
    internal double ErrorNorm(ReadOnlySpan<double> y, ReadOnlySpan<double> yNew, double h, RungeKuttaWorkspace workspace,
        double absoluteTolerance, double relativeTolerance)
    {
        var error = workspace.Error;
        Array.Clear(error);
        Combine(error, h, Tableau.ErrorArray!, workspace.K, error);
        return StepSizeControl.ErrorNorm(error, y, yNew, absoluteTolerance, relativeTolerance);
    }

    /// <summary>destination = y + h sum_j w_j k_j (the one formula of every stage, solution and error estimate).</summary>
    /// <remarks>Short states (n &lt; 16, e.g. Lotka-Volterra) use a plain loop, which avoids the per-call cost of
    /// the vectorised kernel (see the RK4 step benchmark in docs/benchmarks-odes.md); longer ones use
    /// TensorPrimitives.MultiplyAdd. Both compute d_i += (h w_j) k_ji in the same order.</remarks>
    private static void Combine(ReadOnlySpan<double> y, double h, double[] weights, double[][] k, Span<double> destination)
    {
        y.CopyTo(destination);
        for (var j = 0; j < weights.Length; j++)
        {
            var scale = h * weights[j];
            if (scale == 0) continue;
            var kj = k[j].AsSpan(0, destination.Length);
            if (destination.Length < 16)
            {
                for (var i = 0; i < destination.Length; i++) destination[i] += scale * kj[i];
            }
            else
            {
                TensorPrimitives.MultiplyAdd(kj, scale, destination, destination);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">f(t0, y0) is not finite, or the tableau has no embedded pair and no
    /// fixed step is given.</exception>
    public OdeSolution Solve(OdeProblem problem, OdeSolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new OdeSolverOptions();
        if (options.FixedStep is null && !Tableau.IsAdaptive)
        {
            throw new ArgumentException($"ExplicitRungeKutta: {Name} has no embedded error estimate; set OdeSolverOptions.FixedStep.", nameof(options));
        }

        var workspace = new RungeKuttaWorkspace(Tableau, problem.Dimension);
        var y = (double[])problem.InitialValueArray.Clone();
        problem.EvaluateChecked(problem.TimeStart, y, workspace.K[0]);
        return options.FixedStep is { } h ? SolveFixed(problem, options, h, y, workspace) : SolveAdaptive(problem, options, y, workspace);
    }

    private OdeSolution SolveFixed(OdeProblem problem, OdeSolverOptions options, double step, double[] y, RungeKuttaWorkspace workspace)
    {
        var (t0, t1) = (problem.TimeStart, problem.TimeEnd);
        var steps = (int)Math.Max(1, Math.Ceiling(Math.Abs(t1 - t0) / step - 1e-9));
        var h = (t1 - t0) / steps;
        var recorder = new SolutionRecorder(t0, y, options.StoreSteps);
        var yNew = new double[y.Length];
        var evaluations = 1;
        var status = steps > options.MaxSteps ? OdeStatus.MaxStepsExceeded : OdeStatus.Success;
        var t = t0;
        for (var i = 0; i < steps && status == OdeStatus.Success; i++)
        {
            var tNew = i == steps - 1 ? t1 : t0 + (i + 1) * h;
            Stages(problem.Function, t, y, h, yNew, workspace);
            evaluations += Tableau.Stages - 1;
            if (!TensorPrimitives.IsFiniteAll<double>(yNew))
            {
                status = OdeStatus.NonFiniteState;
                break;
            }

            evaluations += Advance(problem, recorder, ref t, tNew, h, ref y, ref yNew, workspace, isLast: i == steps - 1);
        }

        return recorder.Finish(Name, t, y, new OdeStatistics(evaluations, steps, 0), status, problem.Function);
    }

    private OdeSolution SolveAdaptive(OdeProblem problem, OdeSolverOptions options, double[] y, RungeKuttaWorkspace workspace)
    {
        var (t0, t1) = (problem.TimeStart, problem.TimeEnd);
        var direction = Math.Sign(t1 - t0);
        var errorOrder = Math.Min(Tableau.Order, Tableau.EmbeddedOrder) + 1;
        var evaluations = 1;
        var h = options.InitialStep ?? InitialStepCounted(problem, y, workspace.K[0], direction, options, ref evaluations);
        h = Math.Min(h, options.MaxStep);
        var recorder = new SolutionRecorder(t0, y, options.StoreSteps);
        var yNew = new double[y.Length];
        var (accepted, rejected, previousError, lastRejected) = (0, 0, 1e-4, false);
        var status = OdeStatus.Success;
        var t = t0;
        while (direction * (t1 - t) > 0)
        {
            if (accepted + rejected >= options.MaxSteps) { status = OdeStatus.MaxStepsExceeded; break; }
            if (h < 10 * (Math.BitIncrement(Math.Abs(t)) - Math.Abs(t))) { status = OdeStatus.StepSizeTooSmall; break; }
            var remaining = Math.Abs(t1 - t);
            var isLast = h >= remaining;
            var hStep = direction * (isLast ? remaining : h);
            Stages(problem.Function, t, y, hStep, yNew, workspace);
            evaluations += Tableau.Stages - 1;
            var error = ErrorNorm(y, yNew, hStep, workspace, options.AbsoluteTolerance, options.RelativeTolerance);
            if (error <= 1)
            {
                accepted++;
                var factor = StepSizeControl.PiFactor(error, previousError, errorOrder, options.Safety, options.MinFactor, options.MaxFactor);
                if (lastRejected) factor = Math.Min(1, factor);
                previousError = Math.Max(error, 1e-4);
                lastRejected = false;
                h = Math.Min(Math.Abs(hStep) * factor, options.MaxStep);
                evaluations += Advance(problem, recorder, ref t, isLast ? t1 : t + hStep, hStep, ref y, ref yNew, workspace, isLast);
            }
            else
            {
                rejected++;
                lastRejected = true;
                h = Math.Abs(hStep) * StepSizeControl.RejectFactor(error, errorOrder, options.Safety, options.MinFactor);
            }
        }

        return recorder.Finish(Name, t, y, new OdeStatistics(evaluations, accepted, rejected), status, problem.Function);
    }

    private double InitialStepCounted(OdeProblem problem, double[] y, double[] f0, int direction, OdeSolverOptions options, ref int evaluations)
    {
        evaluations++;
        return StepSizeControl.InitialStep(problem.Function, problem.TimeStart, y, f0, direction, Tableau.Order,
            options.AbsoluteTolerance, options.RelativeTolerance);
    }

    /// <summary>Accepts a step: records it with its interpolant, swaps y and y_new, and prepares k_1 of the next
    /// step (the FSAL stage, or one evaluation). Returns the evaluations it cost.</summary>
    private int Advance(OdeProblem problem, SolutionRecorder recorder, ref double t, double tNew, double h, ref double[] y,
        ref double[] yNew, RungeKuttaWorkspace workspace, bool isLast)
    {
        StepInterpolant? interpolant = null;
        if (recorder.StoreSteps)
        {
            interpolant = Tableau.HasOwnDenseOutput
                ? new RungeKuttaInterpolant(t, h, y, workspace.K.Select(k => (double[])k.Clone()).ToArray(), Tableau)
                : new HermiteInterpolant(t, h, y, yNew, (double[])workspace.K[0].Clone());
        }

        (y, yNew) = (yNew, y);
        if (recorder.StoreSteps) yNew = new double[y.Length]; // the recorded arrays are kept by the interpolant
        t = tNew;
        var cost = 0;
        if (Tableau.IsFsal) workspace.PromoteLastStage();
        else if (!isLast)
        {
            problem.Function(t, y, workspace.K[0]);
            cost = 1;
        }

        if (interpolant is HermiteInterpolant hermite && (Tableau.IsFsal || !isLast)) hermite.F1 = (double[])workspace.K[0].Clone();
        recorder.Add(t, y, interpolant);
        return cost;
    }
}
