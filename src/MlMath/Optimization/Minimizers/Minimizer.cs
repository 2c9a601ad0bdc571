using System.Globalization;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// A line-search descent method for minimizing a smooth f: R^n -&gt; R (Nocedal &amp; Wright, <i>Numerical
/// Optimization</i>, 2nd ed., 2006, Chapter 3):
/// <code>
/// for k = 0, 1, ...:
///     stop?                                   (the stopping rule of <see cref="MinimizerOptions"/>)
///     p_k = direction(x_k, g_k, history)      (if g_k' p_k &gt;= 0, use p_k = -g_k and forget the history)
///     alpha_k = lineSearch(phi(alpha) = f(x_k + alpha p_k))
///     x_{k+1} = x_k + alpha_k p_k
/// </code>
/// The leaves differ only in the direction: <see cref="GradientDescent"/>, <see cref="ConjugateGradient"/>,
/// <see cref="Bfgs"/>, <see cref="Lbfgs"/> and <see cref="NewtonCg"/>.
/// </summary>
/// <remarks>
/// The reason for stopping is decided in one place (<c>Decide</c>) from the state after each iteration, and returned
/// as decided. The run never throws for what the iteration meets (a failed line search, NaN values, cancellation):
/// it stops with the matching <see cref="ConvergenceReason"/> at the last accepted point. It throws only for bad
/// input, which is checked before the first step. Instances are immutable and may be shared between threads.
/// </remarks>
public abstract class Minimizer
{
    /// <summary>Sets the line search and the options (default options when null).</summary>
    private protected Minimizer(ILineSearch lineSearch, MinimizerOptions? options)
    {
        ArgumentNullException.ThrowIfNull(lineSearch);
        LineSearch = lineSearch;
        Options = options ?? new MinimizerOptions();
    }

    /// <summary>The line search used at every iteration.</summary>
    public ILineSearch LineSearch { get; }

    /// <summary>The stopping rules.</summary>
    public MinimizerOptions Options { get; }

    /// <summary>Minimizes <paramref name="objective"/> starting from <paramref name="x0"/> (which is not modified).</summary>
    /// <param name="objective">f and its gradient.</param>
    /// <param name="x0">The starting point.</param>
    /// <param name="cancellationToken">Checked once per iteration; when signalled the run stops with <see cref="ConvergenceReason.Cancelled"/>.</param>
    /// <param name="progress">Receives the record of x_0 and of every accepted iterate.</param>
    /// <exception cref="ArgumentException">x0 is empty, the gradient's length differs from x0's, or f(x0) or its gradient is not finite.</exception>
    public MinimizationResult Minimize(IDifferentiableObjective objective, Vector<double> x0, CancellationToken cancellationToken = default,
        IProgress<MinimizationIteration>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(x0);
        var name = GetType().Name;
        if (x0.Count == 0) throw new ArgumentException($"{name}.Minimize: x0 is empty (length 0).", nameof(x0));
        var n = x0.Count;
        var counted = new CountingObjective(objective);
        var (x, g, p, xTrial, gTrial) = (x0.ToArray(), new double[n], new double[n], new double[n], new double[n]);
        var f = counted.Evaluate(new DenseVector(x), new DenseVector(g));
        if (!double.IsFinite(f) || !AllFinite(g))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name}.Minimize: the objective at x0 is {f:R} with gradient norm {TensorPrimitives.Norm(g):R}; both must be finite to start."), nameof(x0));
        }

        var phi = new LineSearchFunction(counted, x, p, xTrial, gTrial);
        var direction = CreateDirection(n, counted);
        var history = Options.RecordHistory ? new List<MinimizationIteration>() : null;
        var (k, gradientNorm, previousValue, stepNorm) = (0, Norm(g), f, double.PositiveInfinity);
        LineSearchStatus? failure = null;
        var finite = true;
        Report(0, 0.0);
        while (true)
        {
            var reason = Decide(cancellationToken.IsCancellationRequested, failure, finite, k, previousValue, f, gradientNorm, stepNorm, x);
            if (reason is { } stop)
            {
                return new MinimizationResult(new DenseVector((double[])x.Clone()), f, gradientNorm, k, counted.FunctionEvaluations,
                    counted.FunctionEvaluations + counted.GradientOnlyEvaluations, counted.HessianVectorProducts, stop, history);
            }

            direction.Compute(x, g, p);
            var slope = TensorPrimitives.Dot(g, p);
            if (!(slope < 0.0))
            {
                TensorPrimitives.Negate(g, p);
                direction.Reset();
                slope = TensorPrimitives.Dot(g, p);
            }

            phi.Reset();
            var search = LineSearch.Search(phi, f, slope, direction.InitialStep(k, g, p, slope));
            if (!search.Success)
            {
                failure = search.Status;
                continue;
            }

            if (phi.LastStep != search.Step) phi.Evaluate(search.Step, out _);
            if (!double.IsFinite(phi.LastValue) || !AllFinite(gTrial))
            {
                finite = false;
                continue;
            }

            stepNorm = MaxAbsDifference(xTrial, x);
            direction.Update(x, g, xTrial, gTrial, search.Step);
            xTrial.CopyTo(x, 0);
            gTrial.CopyTo(g, 0);
            (previousValue, f, gradientNorm) = (f, phi.LastValue, Norm(g));
            k++;
            Report(k, search.Step);
        }

        void Report(int iteration, double step)
        {
            if (history is null && progress is null) return;
            var record = new MinimizationIteration(iteration, f, gradientNorm, step, counted.FunctionEvaluations,
                Options.RecordIterates ? new DenseVector((double[])x.Clone()) : null);
            history?.Add(record);
            progress?.Report(record);
        }
    }

    /// <summary>
    /// Trains <paramref name="module"/> full-batch: minimizes the loss over its trainable parameters (see
    /// <see cref="ModuleObjective"/>), starting from their current values, and leaves the result in the module.
    /// </summary>
    public MinimizationResult Minimize(Module module, Func<Variable> loss, CancellationToken cancellationToken = default,
        IProgress<MinimizationIteration>? progress = null)
    {
        var objective = new ModuleObjective(module, loss);
        var result = Minimize(objective, objective.GetPoint(), cancellationToken, progress);
        objective.SetPoint(result.X);
        return result;
    }

    /// <summary>Creates the per-run direction state for an n-dimensional problem.</summary>
    private protected abstract SearchDirection CreateDirection(int n, CountingObjective objective);

    /// <summary>The stopping rule: the one place where a run's <see cref="ConvergenceReason"/> is decided (null: go on).</summary>
    private ConvergenceReason? Decide(bool cancelled, LineSearchStatus? failure, bool finite, int iterations, double previousValue,
        double value, double gradientNorm, double stepNorm, double[] x)
    {
        if (cancelled) return ConvergenceReason.Cancelled;
        if (!finite || failure == LineSearchStatus.NonFiniteValue) return ConvergenceReason.NonFiniteValue;
        if (failure is not null) return ConvergenceReason.LineSearchFailed;
        if (gradientNorm <= Options.GradientTolerance) return ConvergenceReason.GradientTolerance;
        if (iterations > 0 && Options.FunctionTolerance > 0.0 && previousValue - value <= Options.FunctionTolerance * Math.Max(Math.Max(Math.Abs(previousValue), Math.Abs(value)), 1.0))
        {
            return ConvergenceReason.FunctionTolerance;
        }

        if (iterations > 0 && Options.StepTolerance > 0.0 && stepNorm <= Options.StepTolerance * (1.0 + Math.Abs(TensorPrimitives.MaxMagnitude(x))))
        {
            return ConvergenceReason.StepTolerance;
        }

        return iterations >= Options.MaxIterations ? ConvergenceReason.MaxIterations : null;
    }

    private double Norm(double[] g) =>
        Options.GradientNorm == VectorNorm.Euclidean ? TensorPrimitives.Norm(g) : Math.Abs(TensorPrimitives.MaxMagnitude(g));

    // A finite sum proves every entry finite (a NaN or infinity would poison it); only an overflowing sum needs the scan.
    private static bool AllFinite(double[] v) => double.IsFinite(TensorPrimitives.Sum(v)) || v.All(double.IsFinite);

    private static double MaxAbsDifference(double[] a, double[] b)
    {
        var max = 0.0;
        for (var i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
