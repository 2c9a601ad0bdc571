using System.Globalization;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.DifferentialEquations;

// The differentiable path: the same tableau and the same step structure on Variable states, so that the result
// is a graph node and backpropagation runs through every stage of every step ("discretise-then-optimise").
public sealed partial class ExplicitRungeKutta
{
    /// <summary>
    /// Integrates dY/dt = f(t, Y) for a Variable state Y (any shape, e.g. a batch of states as rows) and returns Y
    /// at each of <paramref name="times"/>, differentiable with respect to Y0 and everything f depends on.
    /// </summary>
    /// <remarks>
    /// Steps land exactly on every output time (no interpolation in the graph). Fixed step: each interval between
    /// output times is cut into ceil(length / h) equal steps. Adaptive: the error estimate and step-size decisions
    /// use values only (they are not differentiated, as in torchdiffeq), with the same norm, PI controller and
    /// initial step as the vector path. The graph holds every stage: memory grows with the number of steps (use
    /// <see cref="NeuralOde"/> with the adjoint method for constant memory).
    /// </remarks>
    /// <param name="function">f(t, Y), returning a Variable of Y's shape.</param>
    /// <param name="initialValue">Y0.</param>
    /// <param name="times">The output times, strictly monotone (increasing or decreasing), times[0] the start.</param>
    /// <param name="options">Tolerances or a fixed step; null for the defaults.</param>
    /// <exception cref="ArgumentException">Fewer than two times, times not strictly monotone, f returning the wrong
    /// shape or a non-finite value at the start, or no fixed step for a tableau without an embedded pair.</exception>
    public VariableOdeSolution Solve(Func<double, Variable, Variable> function, Variable initialValue, IReadOnlyList<double> times,
        OdeSolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(initialValue);
        CheckTimes(times);
        options ??= new OdeSolverOptions();
        if (options.FixedStep is null && !Tableau.IsAdaptive)
        {
            throw new ArgumentException($"ExplicitRungeKutta: {Name} has no embedded error estimate; set OdeSolverOptions.FixedStep.", nameof(options));
        }

        var (rows, columns) = (initialValue.Rows, initialValue.Columns);
        var k = new Variable[Tableau.Stages];
        k[0] = function(times[0], initialValue);
        VariableStateAdapter.CheckShape(k[0], rows, columns, times[0]);
        if (VariableStateAdapter.Values(k[0]).Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ExplicitRungeKutta: f(t = {times[0]}, y0) is not finite."), nameof(function));
        }

        var direction = Math.Sign(times[^1] - times[0]);
        var run = new VariableRun(function, rows, columns) { Evaluations = 1 };
        var h = options.FixedStep ?? options.InitialStep ?? StepSizeControl.InitialStep(
            VariableStateAdapter.ToOdeFunction(function, rows, columns), times[0], VariableStateAdapter.Values(initialValue),
            VariableStateAdapter.Values(k[0]), direction, Tableau.Order, options.AbsoluteTolerance, options.RelativeTolerance);
        if (options.FixedStep is null && options.InitialStep is null) run.Evaluations++;
        var states = new List<Variable> { initialValue };
        var y = initialValue;
        var t = times[0];
        for (var i = 1; i < times.Count && run.Status == OdeStatus.Success; i++)
        {
            // After the last step f is not evaluated again (as in the vector path): its value would be a graph
            // node that nothing uses.
            var isFinal = i == times.Count - 1;
            (y, t, h) = options.FixedStep is { } step
                ? FixedInterval(run, y, k, t, times[i], step, isFinal)
                : AdaptiveInterval(run, y, k, t, times[i], h, options, isFinal);
            if (run.Status == OdeStatus.Success) states.Add(y);
        }

        return new VariableOdeSolution(times.ToArray(), states, new OdeStatistics(run.Evaluations, run.Accepted, run.Rejected), run.Status);
    }

    private (Variable Y, double T, double H) FixedInterval(VariableRun run, Variable y, Variable[] k, double t, double end, double step, bool isFinal)
    {
        var steps = (int)Math.Max(1, Math.Ceiling(Math.Abs(end - t) / step - 1e-9));
        var h = (end - t) / steps;
        var start = t;
        for (var i = 0; i < steps; i++)
        {
            y = VariableStep(run, y, k, t, h);
            t = i == steps - 1 ? end : start + (i + 1) * h;
            run.Accepted++;
            NextFirstStage(run, k, t, y, isLast: isFinal && i == steps - 1);
        }

        return (y, t, step);
    }

    private (Variable Y, double T, double H) AdaptiveInterval(VariableRun run, Variable y, Variable[] k, double t, double end, double h, OdeSolverOptions options, bool isFinal)
    {
        var direction = Math.Sign(end - t);
        var errorOrder = Math.Min(Tableau.Order, Tableau.EmbeddedOrder) + 1;
        var error = new double[run.Rows * run.Columns];
        while (direction * (end - t) > 0)
        {
            if (run.Accepted + run.Rejected >= options.MaxSteps) { run.Status = OdeStatus.MaxStepsExceeded; break; }
            if (h < 10 * (Math.BitIncrement(Math.Abs(t)) - Math.Abs(t))) { run.Status = OdeStatus.StepSizeTooSmall; break; }
            var remaining = Math.Abs(end - t);
            var isLast = h >= remaining;
            var hs = direction * (isLast ? remaining : h);
            var yNew = VariableStep(run, y, k, t, hs);
            Array.Clear(error);
            var e = Tableau.ErrorArray!;
            for (var j = 0; j < e.Length; j++)
            {
                if (e[j] != 0) TensorPrimitives.MultiplyAdd(VariableStateAdapter.Values(k[j]), hs * e[j], error, error);
            }

            var norm = StepSizeControl.ErrorNorm(error, VariableStateAdapter.Values(y), VariableStateAdapter.Values(yNew), options.AbsoluteTolerance, options.RelativeTolerance);
            if (norm <= 1)
            {
                run.Accepted++;
                var factor = StepSizeControl.PiFactor(norm, run.PreviousError, errorOrder, options.Safety, options.MinFactor, options.MaxFactor);
                if (run.LastRejected) factor = Math.Min(1, factor);
                (run.PreviousError, run.LastRejected) = (Math.Max(norm, 1e-4), false);
                // A step shortened to land on an output time does not shrink the next one.
                h = Math.Min((isLast ? Math.Max(h, remaining) : Math.Abs(hs)) * factor, options.MaxStep);
                (y, t) = (yNew, isLast ? end : t + hs);
                NextFirstStage(run, k, t, y, isLast: isFinal && isLast);
            }
            else
            {
                run.Rejected++;
                run.LastRejected = true;
                h = Math.Abs(hs) * StepSizeControl.RejectFactor(norm, errorOrder, options.Safety, options.MinFactor);
            }
        }

        return (y, t, h);
    }

    /// <summary>Stages 2..s and Y_new from k_1 = k[0]: the step of <see cref="Stages"/>, on Variables.</summary>
    private Variable VariableStep(VariableRun run, Variable y, Variable[] k, double t, double h)
    {
        var s = k.Length;
        Variable? yNew = null;
        for (var i = 1; i < s; i++)
        {
            var stage = Combine(y, h, Tableau.RowA(i), k);
            if (Tableau.IsFsal && i == s - 1) yNew = stage;
            k[i] = run.Function(t + Tableau.CArray[i] * h, stage);
            VariableStateAdapter.CheckShape(k[i], run.Rows, run.Columns, t + Tableau.CArray[i] * h);
        }

        run.Evaluations += s - 1;
        return yNew ?? Combine(y, h, Tableau.BArray, k);
    }

    /// <summary>
    /// y + h sum_j w_j k_j as one graph node (the same formula as the vector path's Combine): its backward rule
    /// sends g to y and g h w_j to each k_j, so a stage costs one node instead of two per term.
    /// </summary>
    private static Variable Combine(Variable y, double h, double[] weights, Variable[] k)
    {
        var terms = 0;
        foreach (var w in weights) terms += w != 0 ? 1 : 0;
        var inputs = new Variable[terms + 1];
        var scales = new double[terms];
        inputs[0] = y;
        var value = (DenseMatrix)y.Value.Clone();
        for (int j = 0, term = 0; j < weights.Length; j++)
        {
            if (weights[j] == 0) continue;
            scales[term] = h * weights[j];
            TensorPrimitives.MultiplyAdd(VariableStateAdapter.Values(k[j]), scales[term], value.Values, value.Values);
            inputs[++term] = k[j];
        }

        return Variable.Custom("RungeKuttaCombine", value, inputs, g =>
        {
            var grads = new Variable?[inputs.Length];
            grads[0] = g;
            for (var j = 1; j < grads.Length; j++) grads[j] = inputs[j].RequiresGrad ? g * scales[j - 1] : null;
            return grads;
        });
    }

    private void NextFirstStage(VariableRun run, Variable[] k, double t, Variable y, bool isLast)
    {
        if (Tableau.IsFsal) k[0] = k[^1];
        else if (!isLast)
        {
            k[0] = run.Function(t, y);
            run.Evaluations++;
        }
    }

    private static void CheckTimes(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count < 2) throw new ArgumentException("ExplicitRungeKutta: give at least two times (start and end).", nameof(times));
        var direction = Math.Sign(times[1] - times[0]);
        for (var i = 1; i < times.Count; i++)
        {
            if (!double.IsFinite(times[i]) || direction == 0 || Math.Sign(times[i] - times[i - 1]) != direction)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ExplicitRungeKutta: the output times must be finite and strictly monotone; times[{i - 1}] = {times[i - 1]}, times[{i}] = {times[i]}."), nameof(times));
            }
        }
    }

    private sealed class VariableRun(Func<double, Variable, Variable> function, int rows, int columns)
    {
        public Func<double, Variable, Variable> Function { get; } = function;

        public int Rows { get; } = rows;

        public int Columns { get; } = columns;

        public int Evaluations { get; set; }

        public int Accepted { get; set; }

        public int Rejected { get; set; }

        public double PreviousError { get; set; } = 1e-4;

        public bool LastRejected { get; set; }

        public OdeStatus Status { get; set; } = OdeStatus.Success;
    }
}
