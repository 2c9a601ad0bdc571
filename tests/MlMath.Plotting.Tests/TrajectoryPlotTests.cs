using MathNet.Numerics.LinearAlgebra;
using ScottPlot;

namespace MlMath.Plotting.Tests;

public sealed class TrajectoryPlotTests
{
    [Fact]
    public void A_state_matrix_becomes_one_time_series_per_column()
    {
        double[] t = [0, 0.5, 1, 1.5];
        Matrix<double> states = Matrix<double>.Build.Dense(4, 3, (k, i) => Math.Sin(t[k] + i));
        var figure = new TrajectoryPlot().AddTimeSeries(t, states, ["position", "velocity", "energy"]);
        using Plot plot = figure.CreatePlot();

        figure.SeriesCount.Should().Be(3);
        plot.Legend.GetItems().Select(i => i.LabelText).Should().Equal("position", "velocity", "energy");
        plot.Axes.Bottom.Label.Text.Should().Be("t");
    }

    [Fact]
    public void Time_series_render_and_default_names_are_y_i()
    {
        var figure = new TrajectoryPlot { Title = "harmonic oscillator" }
            .AddTimeSeries([0.0, 1, 2, 3], Matrix<double>.Build.Dense(4, 2, (k, i) => k * (i + 1)));
        using Plot plot = figure.CreatePlot();
        using var image = PngImage.Decode(figure.GetPngBytes(400, 300));

        plot.Legend.GetItems().Select(i => i.LabelText).Should().Equal("y0", "y1");
        image.DistinctColors().Should().BeGreaterThan(20);
    }

    [Fact]
    public void Time_series_and_phase_trajectories_cannot_share_a_figure()
    {
        var figure = new TrajectoryPlot().AddPhaseTrajectory("orbit", [0.0, 1], [1.0, 0]);

        figure.Invoking(f => f.AddTimeSeries("x", [0.0, 1], [0.0, 1])).Should().Throw<InvalidOperationException>()
            .WithMessage("TrajectoryPlot.AddTimeSeries: this figure already holds phase trajectories*");
        figure.SeriesCount.Should().Be(1);
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_messages()
    {
        var figure = new TrajectoryPlot();

        figure.Invoking(f => f.AddTimeSeries("x", [0.0, 1, 1], [0.0, 1, 2])).Should().Throw<ArgumentException>()
            .WithMessage("TrajectoryPlot.AddTimeSeries: t must be strictly increasing, but t[1] = 1 and t[2] = 1*");
        figure.Invoking(f => f.AddTimeSeries([0.0, 1], Matrix<double>.Build.Dense(3, 2))).Should().Throw<ArgumentException>()
            .WithMessage("TrajectoryPlot.AddTimeSeries: the rows of states has length 3 but t has length 2*");
        figure.Invoking(f => f.AddTimeSeries([0.0, 1], Matrix<double>.Build.Dense(2, 2), ["one"])).Should().Throw<ArgumentException>()
            .WithMessage("TrajectoryPlot.AddTimeSeries: names has length 1 but the columns of states has length 2*");
        figure.Invoking(f => f.AddPhaseTrajectory("p", Matrix<double>.Build.Dense(4, 3))).Should().Throw<ArgumentException>()
            .WithMessage("TrajectoryPlot.AddPhaseTrajectory: states must have 2 columns, got 4x3*");
        figure.Invoking(f => f.AddPhaseTrajectory("p", [0.0, double.NegativeInfinity], [0.0, 1])).Should().Throw<ArgumentException>()
            .WithMessage("TrajectoryPlot.AddPhaseTrajectory: x has a non-finite value -Infinity at index 1*");
        figure.Invoking(f => f.GetPngBytes(100, 100)).Should().Throw<InvalidOperationException>()
            .WithMessage("TrajectoryPlot: add at least one series before rendering");
    }
}
