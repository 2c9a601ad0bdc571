using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.DifferentialEquations;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Plotting;
using Spectre.Console;

namespace MlMath.Samples.DifferentialEquations;

/// <summary>
/// The differential-equations sample: (1) population growth, logistic and Lotka-Volterra models, the predator-prey
/// phase portrait, and recovering Lotka-Volterra's four parameters from noisy observations by gradient descent
/// through the solver; (2) the spiral neural ODE of Chen et al. (2018) learned from short segments; (3) a
/// work-precision comparison of the adaptive solvers. Callable from its own program and from the Tour.
/// </summary>
public static partial class DifferentialEquationsSample
{
    /// <summary>Runs the sample, writing figures into <paramref name="outputFolder"/>; returns the key numbers.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(console);
        Directory.CreateDirectory(outputFolder);
        var watch = Stopwatch.StartNew();
        var recovered = Population(console, outputFolder);
        var spiral = Spiral(console, outputFolder);
        var workPrecision = WorkPrecision(console, outputFolder);
        console.MarkupLine($"Done in {watch.Elapsed.TotalSeconds:F1} s.");
        return $"Lotka-Volterra parameters recovered to {recovered:P1}; spiral neural ODE mean |error| {spiral:F3}; {workPrecision}";
    }

    /// <summary>Logistic growth dN/dt = r N (1 - N/K) against its closed form, then Lotka-Volterra and the fit.</summary>
    private static double Population(IAnsiConsole console, string outputFolder)
    {
        console.Write(new Rule("Population growth"));
        const double r = 0.8, k = 100, n0 = 2;
        var logistic = new OdeProblem((t, y, dy) => dy[0] = r * y[0] * (1 - y[0] / k), DenseVector.OfArray([n0]), 0, 15);
        var solution = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(logistic);
        var grid = Enumerable.Range(0, 151).Select(i => i * 0.1).ToArray();
        var exact = grid.Select(t => k / (1 + (k / n0 - 1) * Math.Exp(-r * t))).ToArray();
        var numeric = solution.Evaluate(grid).Column(0).ToArray();
        var maxError = numeric.Zip(exact, (a, b) => Math.Abs(a - b)).Max();
        console.MarkupLine($"Logistic growth (r = {r}, K = {k}): Dormand-Prince 5(4) at rtol 1e-6 takes {solution.Statistics.AcceptedSteps} steps; max error of its dense output against K / (1 + (K/N0 - 1) e^(-rt)) on 151 points: {maxError:0.0e+0}.");
        new TrajectoryPlot { Title = "Logistic growth: dN/dt = r N (1 - N/K)", XLabel = "t", YLabel = "N" }
            .AddTimeSeries("closed form", grid, exact)
            .AddTimeSeries("Dormand-Prince 5(4), dense output", grid, numeric)
            .SavePng(Path.Combine(outputFolder, "ode-logistic.png"), 800, 500);

        var lv = LotkaVolterra(1.5, 1, 3, 1, 15);
        var lvSolution = new ExplicitRungeKutta(ButcherTableau.Tsitouras54).Solve(lv, new OdeSolverOptions { RelativeTolerance = 1e-8 });
        var times = Enumerable.Range(0, 601).Select(i => i * 0.025).ToArray();
        var states = lvSolution.Evaluate(times);
        new TrajectoryPlot { Title = "Lotka-Volterra (a = 1.5, b = 1, c = 3, d = 1)", XLabel = "t", YLabel = "population" }
            .AddTimeSeries(times, states, ["prey x", "predators y"])
            .SavePng(Path.Combine(outputFolder, "ode-lotka-volterra.png"), 800, 500);
        var phase = new TrajectoryPlot { Title = "Lotka-Volterra phase portrait: closed orbits around (c/d, a/b) = (3, 1.5)", XLabel = "prey x", YLabel = "predators y" };
        foreach (var x0 in new[] { 1.0, 1.5, 2.0, 2.5 })
        {
            var orbit = new ExplicitRungeKutta(ButcherTableau.Tsitouras54).Solve(LotkaVolterra(1.5, 1, 3, 1, 6, x0), new OdeSolverOptions { RelativeTolerance = 1e-8 });
            phase.AddPhaseTrajectory($"(x0, y0) = ({x0}, 1)", orbit.Evaluate(Enumerable.Range(0, 400).Select(i => i * 6.0 / 399).ToArray()));
        }

        phase.SavePng(Path.Combine(outputFolder, "ode-lotka-volterra-phase.png"), 700, 600);
        return RecoverParameters(console, outputFolder);
    }

    private static OdeProblem LotkaVolterra(double a, double b, double c, double d, double t1, double x0 = 1) =>
        new((t, y, dy) =>
        {
            dy[0] = a * y[0] - b * y[0] * y[1];
            dy[1] = -c * y[1] + d * y[0] * y[1];
        }, DenseVector.OfArray([x0, 1.0]), 0, t1);

    /// <summary>
    /// Noisy observations of Lotka-Volterra on [0, 10]; the four parameters, started 20-30% off, are fitted with
    /// Adam on the mean squared error, its gradient by backpropagation through 200 RK4 steps.
    /// </summary>
    private static double RecoverParameters(IAnsiConsole console, string outputFolder)
    {
        double[] truth = [1.5, 1, 3, 1];
        var random = new Random(7);
        var observationTimes = Enumerable.Range(0, 41).Select(i => i * 0.25).ToArray();
        var clean = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(LotkaVolterra(1.5, 1, 3, 1, 10), new OdeSolverOptions { RelativeTolerance = 1e-10 })
            .Evaluate(observationTimes);
        var observed = clean.Map(v => v * (1 + 0.03 * Normal(random)));
        double[] start = [1.2, 0.8, 2.4, 1.25];
        var parameters = start.Select((v, i) => new Parameter(DenseMatrix.Create(1, 1, v), "abcd"[i].ToString())).ToArray();
        var optimizer = new Adam(parameters, learningRate: 0.02);
        var solver = new ExplicitRungeKutta(ButcherTableau.RungeKutta4);
        var options = new OdeSolverOptions { FixedStep = 0.05 };
        var y0 = Variable.Constant(DenseMatrix.OfArray(new[,] { { 1.0, 1.0 } }));
        var losses = new List<double>();
        Variable Rhs(double t, Variable y)
        {
            var (x, p) = (y.SliceColumns(0, 1), y.SliceColumns(1, 1));
            var xp = x.PointwiseMultiply(p);
            return Variable.ConcatColumns(x.PointwiseMultiply(parameters[0]) - xp.PointwiseMultiply(parameters[1]),
                xp.PointwiseMultiply(parameters[3]) - p.PointwiseMultiply(parameters[2]));
        }

        const int iterations = 300;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            optimizer.ZeroGrad();
            var states = solver.Solve(Rhs, y0, observationTimes, options).States;
            var predicted = Variable.ConcatRows([.. states]);
            var loss = (predicted - Variable.Constant(observed)).Square().Mean();
            loss.Backward();
            optimizer.Step();
            losses.Add(loss.Item);
        }

        var fitted = parameters.Select(p => p.Value[0, 0]).ToArray();
        var worst = fitted.Zip(truth, (f, t) => Math.Abs(f - t) / t).Max();
        var table = new Table().AddColumns("parameter", "true", "start", "fitted");
        for (var i = 0; i < 4; i++) table.AddRow("abcd"[i].ToString(), $"{truth[i]:F3}", $"{start[i]:F3}", $"{fitted[i]:F3}");
        console.Write(table);
        console.MarkupLine($"Lotka-Volterra fit: {iterations} Adam steps through 200 RK4 steps each, 3% multiplicative noise on 41 observations; MSE {losses[0]:F4} -> {losses[^1]:F5}; worst relative parameter error {worst:P1}.");
        var fit = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(LotkaVolterra(fitted[0], fitted[1], fitted[2], fitted[3], 10));
        var fine = Enumerable.Range(0, 401).Select(i => i * 0.025).ToArray();
        var fitStates = fit.Evaluate(fine);
        new TrajectoryPlot { Title = "Recovering Lotka-Volterra's parameters through the solver", XLabel = "t", YLabel = "population" }
            .AddTimeSeries("observed prey", observationTimes, observed.Column(0).ToArray())
            .AddTimeSeries("observed predators", observationTimes, observed.Column(1).ToArray())
            .AddTimeSeries("fitted prey", fine, fitStates.Column(0).ToArray())
            .AddTimeSeries("fitted predators", fine, fitStates.Column(1).ToArray())
            .SavePng(Path.Combine(outputFolder, "ode-lotka-volterra-fit.png"), 800, 500);
        return worst;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
