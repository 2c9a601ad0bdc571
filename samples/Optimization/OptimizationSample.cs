using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Data;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Plotting;
using Spectre.Console;

namespace MlMath.Samples.Optimization;

/// <summary>
/// The optimization sample. (a) Gradient descent, heavy-ball momentum, Nesterov momentum, Adam and L-BFGS start
/// from (-1.2, 1) on the Rosenbrock function: their paths over its contours and their f - f* curves as PNGs.
/// (b) Logistic regression on two moons trained by mini-batch SGD, L-BFGS and Newton-CG, compared in a table.
/// Callable from its own program and from the Tour.
/// </summary>
public static class OptimizationSample
{
    private const int StochasticSteps = 4000;
    private static readonly double[] Start = [-1.2, 1.0];

    /// <summary>Runs the sample, writing figures into <paramref name="outputFolder"/>; returns the key number.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(console);
        Directory.CreateDirectory(outputFolder);
        var lbfgs = RosenbrockRace(console, outputFolder);
        var logistic = LogisticRegression(console);
        return $"Rosenbrock: L-BFGS to f = {lbfgs.Values[^1]:0.0e+0} in {lbfgs.Values.Count - 1} iterations; {logistic}";
    }

    /// <summary>
    /// f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 of a 2x1 column v = (x, y): a curved valley whose floor y = x^2 leads
    /// to the minimum f* = 0 at (1, 1). Its Hessian there has eigenvalues about 1001.6 and 0.4 (condition number ~2500).
    /// </summary>
    private static Variable Rosenbrock(Variable v)
    {
        var x = v.SliceRows(0, 1);
        var y = v.SliceRows(1, 1);
        return (1.0 - x).Square() + 100.0 * (y - x.Square()).Square();
    }

    private static double Rosenbrock(double x, double y)
    {
        using var noGrad = GradMode.NoGrad();
        return Rosenbrock(Variable.Constant(DenseMatrix.OfColumnMajor(2, 1, [x, y]))).Item;
    }

    /// <summary>An optimizer's iterates x_0, x_1, ... and their values f(x_k).</summary>
    private sealed record Trace(string Name, string Settings, List<double> Xs, List<double> Ys, List<double> Values, int Evaluations);

    private static Trace RosenbrockRace(IAnsiConsole console, string outputFolder)
    {
        // Fixed steps: 1e-3 is about 1 / L for the largest curvature met on the way (~1500 at the start).
        (string Name, string Settings, Func<Parameter, StochasticOptimizer> Create)[] stochastic =
        [
            ("gradient descent", "lr 1e-3", p => new Sgd([p], learningRate: 1e-3)),
            ("heavy ball", "lr 1e-3, momentum 0.9", p => new Sgd([p], learningRate: 1e-3, momentum: 0.9)),
            ("Nesterov", "lr 1e-3, momentum 0.9", p => new Sgd([p], learningRate: 1e-3, momentum: 0.9, nesterov: true)),
            ("Adam", "lr 0.02, betas 0.9, 0.999", p => new Adam([p], learningRate: 0.02)),
        ];
        var traces = new List<Trace>();
        console.Progress().Start(context =>
        {
            foreach (var (name, settings, create) in stochastic)
            {
                var task = context.AddTask(Markup.Escape(name), maxValue: StochasticSteps);
                traces.Add(RunStochastic(name, settings, create, task));
            }
        });

        var lbfgs = RunLbfgs();
        traces.Add(lbfgs);
        ShowRosenbrockTable(console, traces);

        var contour = new ContourPlot(Rosenbrock, -1.5, 1.5, -0.5, 1.5, resolution: 160)
        {
            Title = $"Rosenbrock from (-1.2, 1): {StochasticSteps} steps of each first-order method, L-BFGS to convergence",
            LogScaleValues = true,
            LevelCount = 16,
        };
        foreach (var trace in traces) contour.AddPath(trace.Name, trace.Xs, trace.Ys);
        contour.SavePng(Path.Combine(outputFolder, "opt-rosenbrock-paths.png"), 900, 750);

        // f* = 0; values that reach exactly 0 are drawn at 1e-30 so that the log axis can show them.
        var curves = new TrainingCurves { Title = $"Rosenbrock: f(x_k) - f* against iteration k (L-BFGS stops after {lbfgs.Values.Count - 1})", XLabel = "iteration k", YLabel = "f - f*", LogScaleY = true };
        foreach (var trace in traces)
        {
            var iterations = Enumerable.Range(0, trace.Values.Count).Select(k => (double)k).ToArray();
            curves.Add(trace.Name, iterations, trace.Values.Select(v => Math.Max(v, 1e-30)).ToArray());
        }

        // Customised through CreatePlot: the legend goes where no curve runs, and each method gets the colour its path
        // has in the contour figure (which draws path p in Category10 colour p + 1).
        using var plot = curves.CreatePlot();
        var lines = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        for (var p = 0; p < lines.Count; p++) lines[p].Color = new ScottPlot.Palettes.Category10().GetColor(p + 1);
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        File.WriteAllBytes(Path.Combine(outputFolder, "opt-rosenbrock-convergence.png"), plot.GetImageBytes(900, 550, ScottPlot.ImageFormat.Png));
        return lbfgs;
    }

    /// <summary>A stochastic optimizer on a deterministic loss: theta is a 2x1 Parameter and the loss is f(theta).</summary>
    private static Trace RunStochastic(string name, string settings, Func<Parameter, StochasticOptimizer> create, ProgressTask task)
    {
        var theta = new Parameter(DenseMatrix.OfColumnMajor(2, 1, Start), "theta");
        var optimizer = create(theta);
        var trace = new Trace(name, settings, [Start[0]], [Start[1]], [], StochasticSteps);
        for (var step = 0; step < StochasticSteps; step++)
        {
            optimizer.ZeroGrad();
            var loss = Rosenbrock(theta);
            loss.Backward();
            trace.Values.Add(loss.Item); // f(theta_k), before the step
            optimizer.Step();
            var (x, y) = (theta.Value[0, 0], theta.Value[1, 0]);
            if (!double.IsFinite(x) || !double.IsFinite(y)) throw new InvalidOperationException($"{name} diverged at step {step + 1}.");
            trace.Xs.Add(x);
            trace.Ys.Add(y);
            if (step % 100 == 99) task.Value = step + 1;
        }

        trace.Values.Add(Rosenbrock(theta.Value[0, 0], theta.Value[1, 0]));
        task.Value = StochasticSteps;
        return trace;
    }

    private static Trace RunLbfgs()
    {
        var options = new MinimizerOptions { GradientTolerance = 1e-10, RecordHistory = true, RecordIterates = true };
        var result = new Lbfgs(new StrongWolfeLineSearch(), memory: 10, options: options)
            .Minimize(Objective.FromVariable(Rosenbrock), DenseVector.OfArray(Start));
        var history = result.History!;
        return new Trace("L-BFGS", "m 10, strong Wolfe", history.Select(h => h.X![0]).ToList(), history.Select(h => h.X![1]).ToList(),
            history.Select(h => h.Value).ToList(), result.FunctionEvaluations);
    }

    private static void ShowRosenbrockTable(IAnsiConsole console, List<Trace> traces)
    {
        var table = new Table().Title("Rosenbrock from (-1.2, 1), f* = 0 at (1, 1)")
            .AddColumns("method", "settings", "iterations", "gradient evaluations", "first k with f < 1e-6", "final f", "distance to (1, 1)");
        foreach (var t in traces)
        {
            var first = t.Values.FindIndex(v => v < 1e-6);
            var distance = Math.Sqrt(Math.Pow(t.Xs[^1] - 1.0, 2) + Math.Pow(t.Ys[^1] - 1.0, 2));
            table.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Settings), Invariant($"{t.Values.Count - 1}"), Invariant($"{t.Evaluations}"),
                first < 0 ? "never" : Invariant($"{first}"), Invariant($"{t.Values[^1]:0.00e+00}"), Invariant($"{distance:0.00e+00}"));
        }

        console.Write(table);
    }

    /// <summary>
    /// Logistic regression on two moons: features (1, x1, x2) (the 1 carries the bias), loss the mean binary
    /// cross-entropy of the logits X w. Convex, so all three methods head for the same minimum.
    /// </summary>
    private static string LogisticRegression(IAnsiConsole console)
    {
        var moons = DataGenerators.TwoMoons(1000, 0.2, new Random(0));
        var withBias = Dataset.Classification(
            Matrix<double>.Build.Dense(moons.Count, 3, (i, j) => j == 0 ? 1.0 : moons.Features[i, j - 1]), moons.Labels!, moons.ClassNames);
        var split = withBias.StratifiedSplit(0.7, 0.0, new Random(1));
        var (train, test) = (split.Train, split.Test);
        var features = Variable.Constant(train.Features);
        var targets = Targets(train);
        Variable Loss(Variable w) => Losses.BinaryCrossEntropyWithLogits(features * w, targets);
        var objective = Objective.FromVariable(Loss);
        var x0 = new DenseVector(3);
        var options = new MinimizerOptions { GradientTolerance = 1e-6 };

        // A tight reference solve gives f*; every run is done once untimed first so that JIT compilation is not timed.
        var best = new NewtonCg(new BacktrackingArmijoLineSearch(), options: options with { GradientTolerance = 1e-12 }).Minimize(objective, x0).Value;
        var rows = new List<(string Method, string Work, double Loss, double Accuracy, TimeSpan Time)>();
        for (var run = 0; run < 2; run++)
        {
            rows.Clear();
            rows.Add(RunSgd(train, test, Loss));
            rows.Add(RunMinimizer("L-BFGS (m 10, strong Wolfe)", new Lbfgs(new StrongWolfeLineSearch(), options: options), objective, x0, test));
            rows.Add(RunMinimizer("Newton-CG (Armijo, exact Hv)", new NewtonCg(new BacktrackingArmijoLineSearch(), options: options), objective, x0, test));
        }

        var table = new Table().Title(Invariant($"Logistic regression on two moons ({train.Count} train / {test.Count} test points, f* = {best:0.000000})"))
            .AddColumns("method", "work", "final train loss", "loss - f*", "test accuracy", "wall time");
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row.Method), Markup.Escape(row.Work), Invariant($"{row.Loss:0.000000}"), Invariant($"{row.Loss - best:0.0e+00}"),
                Invariant($"{row.Accuracy:P1}"), Invariant($"{row.Time.TotalMilliseconds:0.0} ms"));
        }

        console.Write(table);
        console.MarkupLine("A linear boundary cannot follow the moons, so all three end near the same accuracy; what differs is the cost of getting there.");
        return Invariant($"logistic regression loss {rows[1].Loss:0.0000} by L-BFGS in {rows[1].Time.TotalMilliseconds:0.0} ms vs SGD {rows[0].Loss:0.0000} in {rows[0].Time.TotalMilliseconds:0} ms");
    }

    private static (string, string, double, double, TimeSpan) RunSgd(Dataset train, Dataset test, Func<Variable, Variable> fullLoss)
    {
        const int epochs = 30;
        const int batchSize = 32;
        var w = new Parameter(new DenseMatrix(3, 1), "w");
        var optimizer = new Sgd([w], learningRate: 0.5);
        var schedule = new CosineAnnealingSchedule(0.5, epochs);
        var random = new Random(2);
        var steps = 0;
        var clock = Stopwatch.StartNew();
        void Epoch(int epoch)
        {
            optimizer.LearningRate = schedule.At(epoch);
            foreach (var batch in train.Batches(batchSize, random))
            {
                optimizer.ZeroGrad();
                Losses.BinaryCrossEntropyWithLogits(Variable.Constant(batch.Features) * w, Targets(batch)).Backward();
                optimizer.Step();
                steps++;
            }
        }

        for (var epoch = 0; epoch < epochs; epoch++) Epoch(epoch);
        clock.Stop();
        using var noGrad = GradMode.NoGrad();
        var loss = fullLoss(w).Item;
        return ("SGD (batch 32, lr 0.5, cosine)", Invariant($"{epochs} epochs ({steps} steps)"), loss, Accuracy(w.Value.Column(0), test), clock.Elapsed);
    }

    private static (string, string, double, double, TimeSpan) RunMinimizer(string name, Minimizer minimizer, IDifferentiableObjective objective, Vector<double> x0, Dataset test)
    {
        var clock = Stopwatch.StartNew();
        var result = minimizer.Minimize(objective, x0);
        clock.Stop();
        var work = Invariant($"{result.Iterations} iterations ({result.FunctionEvaluations} f+g evaluations");
        work += result.HessianVectorProducts > 0 ? Invariant($", {result.HessianVectorProducts} Hv products)") : ")";
        return (name, work, result.Value, Accuracy(result.X, test), clock.Elapsed);
    }

    /// <summary>The labels as an n x 1 column of 0.0 and 1.0 targets.</summary>
    private static Variable Targets(Dataset data) =>
        Variable.Constant(Matrix<double>.Build.Dense(data.Count, 1, (i, _) => data.Labels![i]));

    /// <summary>Predict class 1 where the logit x'w is positive.</summary>
    private static double Accuracy(Vector<double> w, Dataset data)
    {
        var predicted = (data.Features * w).Select(z => z > 0.0 ? 1 : 0).ToArray();
        return Metrics.Accuracy(predicted, data.Labels!);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
