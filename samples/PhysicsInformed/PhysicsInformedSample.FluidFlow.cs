using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.DifferentialEquations.Pde;
using MlMath.Plotting;
using Spectre.Console;

namespace MlMath.Samples.PhysicsInformed;

public static partial class PhysicsInformedSample
{
    private const double Nu = 0.01 / Math.PI;

    /// <summary>Burgers' equation by the method of lines and by a PINN; returns both relative L2 errors vs Cole-Hopf.</summary>
    private static (double Lines, double Pinn) FluidFlow(IAnsiConsole console, string outputFolder)
    {
        console.Write(new Rule("Fluid flow: Burgers' equation u_t + u u_x = (0.01/pi) u_xx"));
        const int xCount = 101, tCount = 51;
        var xs = Enumerable.Range(0, xCount).Select(i => -1 + 2.0 * i / (xCount - 1)).ToArray();
        var ts = Enumerable.Range(0, tCount).Select(n => (double)n / (tCount - 1)).ToArray();
        var exact = Matrix<double>.Build.Dense(xCount, tCount, (i, n) => BurgersExactSolution.SineInitialCondition(xs[i], ts[n], Nu));

        // Method of lines: 800 cells keep the cell Peclet number |u| dx / nu below 1 for the central flux.
        var clock = Stopwatch.StartNew();
        var problem = BurgersProblem.Dirichlet(Nu, -1, 1, x => -Math.Sin(Math.PI * x), 1.0, BoundaryCondition.Dirichlet(0), BoundaryCondition.Dirichlet(0));
        var lines = BurgersSolver.Solve(problem, 800, ts);
        var linesOnGrid = Matrix<double>.Build.Dense(xCount, tCount, (i, n) => lines.Values[n, i * 8]);
        var linesError = RelativeL2(linesOnGrid, exact);
        console.MarkupLine(Invariant($"Method of lines (800 cells, central flux, Dormand-Prince 5(4)): relative L2 error vs Cole-Hopf [bold]{linesError:E2}[/] in {clock.Elapsed.TotalSeconds:F1} s."));

        // PINN: residual u_t + u u_x - nu u_xx at Latin hypercube points, u(x, 0) = -sin(pi x), u(+-1, t) = 0.
        clock.Restart();
        var domain = new SpaceTimeDomain(-1, 1, 0, 1);
        var random = new Random(2019);
        var network = PinnNetwork.Create(domain, [20, 20, 20], random);
        var pinn = new Pinn(network,
            f => f.Ut + f.U.PointwiseMultiply(f.Ux) - f.Uxx * Nu,
            domain.Sample(1000, CollocationSampling.LatinHypercube, random),
            [
                PinnCondition.FromFunction("initial", domain.InitialLine(101), (x, _) => -Math.Sin(Math.PI * x)),
                PinnCondition.FromFunction("left", domain.LeftBoundary(26), (_, _) => 0.0),
                PinnCondition.FromFunction("right", domain.RightBoundary(26), (_, _) => 0.0),
            ]);
        var options = new PinnOptions { AdamIterations = 300, AdamLearningRate = 5e-3, LbfgsIterations = 550 };
        var result = Train(console, "Burgers PINN", pinn, options);
        var grid = Matrix<double>.Build.Dense(xCount * tCount, 2, (k, j) => j == 0 ? xs[k % xCount] : ts[k / xCount]);
        var predicted = pinn.Predict(grid);
        var pinnOnGrid = Matrix<double>.Build.Dense(xCount, tCount, (i, n) => predicted[n * xCount + i, 0]);
        var pinnError = RelativeL2(pinnOnGrid, exact);
        console.MarkupLine(Invariant($"PINN (2-20-20-20-1 tanh, 1000 collocation points, {result.AdamIterations} Adam + {result.Lbfgs?.Iterations ?? 0} L-BFGS): relative L2 error vs Cole-Hopf [bold]{pinnError:E2}[/] in {clock.Elapsed.TotalSeconds:F1} s (loss {result.FinalLoss:E2})."));
        console.MarkupLine("The PINN's error sits at the shock at x = 0, which forms near t = 0.3 with width about nu / |u| = 0.003: far thinner than the network resolves with this budget (Raissi et al. train a 9-layer network on 10 000 points).");

        SaveHeatMap(linesOnGrid, "Burgers: method of lines u(x, t)", xs, ts, "x", "t", "u", Path.Combine(outputFolder, "pde-burgers-lines.png"));
        SaveHeatMap(pinnOnGrid, "Burgers: PINN u(x, t)", xs, ts, "x", "t", "u", Path.Combine(outputFolder, "pde-burgers-pinn.png"));
        SaveHeatMap((pinnOnGrid - linesOnGrid).PointwiseAbs(), "Burgers: |PINN - method of lines|", xs, ts, "x", "t", "|difference|", Path.Combine(outputFolder, "pde-burgers-difference.png"));
        new TrainingCurves { Title = "Burgers PINN: loss (Adam, then L-BFGS)", LogScaleY = true }
            .Add("loss", result.LossHistory)
            .SavePng(Path.Combine(outputFolder, "pde-burgers-pinn-loss.png"), 800, 500);
        return (linesError, pinnError);
    }

    private static PinnTrainingResult Train(IAnsiConsole console, string name, Pinn pinn, PinnOptions options)
    {
        PinnTrainingResult? result = null;
        console.Progress().Start(context =>
        {
            var task = context.AddTask(name, maxValue: options.AdamIterations + options.LbfgsIterations);
            result = pinn.Train(options, new Reporter(p =>
            {
                task.Increment(1);
                task.Description = Invariant($"{name}: {p.Phase} loss {p.Loss:E2}");
            }));
            task.Value = task.MaxValue;
        });
        return result!;
    }

    private static double RelativeL2(Matrix<double> approximation, Matrix<double> exact) =>
        (approximation - exact).FrobeniusNorm() / exact.FrobeniusNorm();

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed class Reporter(Action<PinnProgress> action) : IProgress<PinnProgress>
    {
        public void Report(PinnProgress value) => action(value);
    }
}
