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

public static partial class DifferentialEquationsSample
{
    /// <summary>Training iterations of the spiral neural ODE (torchdiffeq's demo runs 2000).</summary>
    public const int SpiralIterations = 1000;

    /// <summary>
    /// The spiral of torchdiffeq's ode_demo: true dynamics dy/dt = (y^3) A, A = [[-0.1, 2], [-2, -0.1]], y0 = (2, 0),
    /// t in [0, 25] at 1000 points; a 2-50-2 tanh MLP of y^3 learns them from batches of 20 segments of 10 time
    /// points (RK4 with the data's spacing as its step, mean absolute error, RMSProp with learning rate 1e-3).
    /// </summary>
    private static double Spiral(IAnsiConsole console, string outputFolder)
    {
        console.Write(new Rule("Spiral neural ODE"));
        var a = DenseMatrix.OfArray(new[,] { { -0.1, 2.0 }, { -2.0, -0.1 } });
        var times = Enumerable.Range(0, 1000).Select(i => 25.0 * i / 999).ToArray();
        var truth = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(
            new OdeProblem((t, y, dy) =>
            {
                double c0 = y[0] * y[0] * y[0], c1 = y[1] * y[1] * y[1];
                dy[0] = c0 * a[0, 0] + c1 * a[1, 0];
                dy[1] = c0 * a[0, 1] + c1 * a[1, 1];
            }, DenseVector.OfArray([2.0, 0.0]), 0, 25),
            new OdeSolverOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-10 }).Evaluate(times);

        var random = new Random(0);
        // f_theta(y) = MLP(y^3), the model of torchdiffeq's ode_demo: the network sees the cubed state because the
        // true dynamics are cubic.
        var dynamics = new CubedStateDynamics(Mlp.Create([2, 50, 2], ActivationKind.Tanh, random));
        var model = new NeuralOde(dynamics, ButcherTableau.RungeKutta4, new OdeSolverOptions { FixedStep = times[1] });
        var optimizer = new RmsProp(model.Parameters(), learningRate: 1e-3);
        const int batchSize = 20, batchTime = 10;
        var segmentTimes = times[..batchTime];
        var losses = new List<double>();
        var snapshots = new List<(int Iteration, Matrix<double> States)>();
        var watch = Stopwatch.StartNew();
        console.Progress().Start(context =>
        {
            var task = context.AddTask("spiral neural ODE (RMSProp)", maxValue: SpiralIterations);
            for (var iteration = 1; iteration <= SpiralIterations; iteration++)
            {
                var starts = Enumerable.Range(0, batchSize).Select(_ => random.Next(times.Length - batchTime)).ToArray();
                var y0 = Variable.Constant(DenseMatrix.Create(batchSize, 2, (i, j) => truth[starts[i], j]));
                optimizer.ZeroGrad();
                var predicted = model.Trajectory(y0, segmentTimes);
                // Mean |error| over the 9 predicted points at once: stack them (180 x 2) against the stacked targets.
                var targets = Variable.Constant(DenseMatrix.Create(batchSize * (batchTime - 1), 2, (i, j) => truth[starts[i % batchSize] + 1 + i / batchSize, j]));
                var loss = (Variable.ConcatRows([.. predicted.Skip(1)]) - targets).Abs().Mean();
                loss.Backward();
                optimizer.Step();
                losses.Add(loss.Item);
                if (iteration is 50 or 200 || iteration == SpiralIterations) snapshots.Add((iteration, Learned(model, times)));
                task.Increment(1);
            }
        });

        var perIteration = watch.Elapsed.TotalMilliseconds / SpiralIterations;
        var final = snapshots[^1].States;
        var meanError = (final - truth).Enumerate().Select(Math.Abs).Average();
        console.MarkupLine($"Spiral: {model.ParameterCount()} parameters, {SpiralIterations} RMSProp iterations on batches of {batchSize} segments x {batchTime} points (RK4), {perIteration:F2} ms per iteration; batch loss {losses[0]:F3} -> {losses.TakeLast(50).Average():F4} (mean of the last 50); mean |learned - true| over the whole trajectory {meanError:F3}.");

        var phase = new TrajectoryPlot { Title = "Spiral neural ODE: true trajectory and the learned one as training goes", XLabel = "y1", YLabel = "y2", EqualAxisScales = true };
        foreach (var (iteration, states) in snapshots) phase.AddPhaseTrajectory($"learned, iteration {iteration}", states);
        phase.AddPhaseTrajectory("true", truth);
        phase.SavePng(Path.Combine(outputFolder, "ode-spiral-phase.png"), 750, 700);
        new TrajectoryPlot { Title = "Spiral neural ODE: y1(t), true and learned", XLabel = "t", YLabel = "y1" }
            .AddTimeSeries("true", times, truth.Column(0).ToArray())
            .AddTimeSeries("learned", times, final.Column(0).ToArray())
            .SavePng(Path.Combine(outputFolder, "ode-spiral-time.png"), 800, 450);
        new TrainingCurves { Title = "Spiral neural ODE: batch loss (mean |error|)", XLabel = "iteration", LogScaleY = true }
            .Add("batch loss", losses)
            .SavePng(Path.Combine(outputFolder, "ode-spiral-loss.png"), 800, 450);
        return meanError;
    }

    /// <summary>The model's trajectory from y0 = (2, 0) at every data time, without a graph.</summary>
    private static Matrix<double> Learned(NeuralOde model, double[] times)
    {
        using var _ = GradMode.NoGrad();
        var states = model.Trajectory(Variable.Constant(DenseMatrix.OfArray(new[,] { { 2.0, 0.0 } })), times);
        return DenseMatrix.Create(times.Length, 2, (i, j) => states[i].Value[0, j]);
    }
}
