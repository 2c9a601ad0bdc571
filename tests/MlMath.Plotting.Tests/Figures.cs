using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Plotting.Tests;

/// <summary>One small, valid instance of each figure type, with or without a title.</summary>
internal static class Figures
{
    public static Figure Create(string kind, string? title = null) => kind switch
    {
        nameof(TrainingCurves) => TrainingCurves(title),
        nameof(ScatterPlot2D) => Scatter(title),
        nameof(HeatMap) => new HeatMap(Matrix<double>.Build.Dense(4, 5, (i, j) => (i * 5) + j)) { Title = title, ShowValues = true },
        nameof(ContourPlot) => Contour(title),
        nameof(TrajectoryPlot) => Trajectory(title),
        nameof(BarChart) => new BarChart(["petal length", "petal width", "sepal length", "sepal width"], [0.42, 0.3, -0.05, 0.01])
        {
            Title = title,
            Errors = [0.03, 0.04, 0.01, 0.02],
            ColorBySign = true,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static TheoryData<string> Kinds() =>
        [nameof(TrainingCurves), nameof(ScatterPlot2D), nameof(HeatMap), nameof(ContourPlot), nameof(TrajectoryPlot), nameof(BarChart)];

    public static double Rosenbrock(double x, double y) => Math.Pow(1 - x, 2) + (100 * Math.Pow(y - (x * x), 2));

    private static TrainingCurves TrainingCurves(string? title)
    {
        double[] train = [.. Enumerable.Range(0, 40).Select(e => 2.0 * Math.Exp(-e / 8.0) + 0.05)];
        double[] validation = [.. Enumerable.Range(0, 40).Select(e => 2.0 * Math.Exp(-e / 10.0) + 0.15)];
        return new TrainingCurves { Title = title, LogScaleY = true }.Add("train", train).Add("validation", validation);
    }

    private static ScatterPlot2D Scatter(string? title)
    {
        var random = new Random(7);
        Matrix<double> points = Matrix<double>.Build.Dense(60, 2, (i, j) => random.NextDouble() * 4 - 2);
        int[] labels = [.. Enumerable.Range(0, 60).Select(i => points[i, 0] + points[i, 1] > 0 ? 1 : 0)];
        return new ScatterPlot2D(points, labels) { Title = title, ClassNames = ["negative", "positive"] }
            .WithDecisionBoundary(grid => [.. Enumerable.Range(0, grid.RowCount).Select(i => grid[i, 0] + grid[i, 1] > 0 ? 1 : 0)], 60);
    }

    private static ContourPlot Contour(string? title)
    {
        double[] xs = [-1.5, -1.0, -0.4, 0.2, 0.7, 1.0];
        double[] ys = [2.0, 0.9, 0.1, 0.0, 0.45, 1.0];
        return new ContourPlot(Rosenbrock, -2, 2, -1, 3, 60) { Title = title, LogScaleValues = true }.AddPath("gradient descent", xs, ys);
    }

    private static TrajectoryPlot Trajectory(string? title)
    {
        double[] t = [.. Enumerable.Range(0, 200).Select(k => k * 0.05)];
        return new TrajectoryPlot { Title = title, EqualAxisScales = true }
            .AddPhaseTrajectory("spiral", [.. t.Select(s => Math.Exp(-0.2 * s) * Math.Cos(s))], [.. t.Select(s => Math.Exp(-0.2 * s) * Math.Sin(s))])
            .AddPhaseTrajectory("circle", [.. t.Select(s => 0.5 * Math.Cos(s))], [.. t.Select(s => 0.5 * Math.Sin(s))]);
    }
}
