namespace MlMath.Plotting.Tests;

public sealed class TrainingCurvesTests
{
    [Fact]
    public void Add_counts_series_and_defaults_the_axis_labels()
    {
        var figure = new TrainingCurves().Add("train", [1.0, 0.5, 0.25]).Add("validation", [1, 2, 3], [1.2, 0.7, 0.4]);

        figure.SeriesCount.Should().Be(2);
        figure.XLabel.Should().Be("epoch");
        figure.YLabel.Should().Be("loss");
        new TrainingCurves { YLabel = "accuracy" }.YLabel.Should().Be("accuracy");
    }

    [Fact]
    public void Log_scale_shows_values_over_several_decades_in_a_readable_range()
    {
        double[] loss = [100, 10, 1, 0.1, 0.01];
        using var plot = new TrainingCurves { LogScaleY = true }.Add("train", loss).CreatePlot();
        plot.GetImageBytes(400, 300, ScottPlot.ImageFormat.Png);

        var limits = plot.Axes.GetLimits();
        limits.Bottom.Should().BeInRange(-3, -2, "log10(0.01) = -2 is the smallest plotted value");
        limits.Top.Should().BeInRange(2, 3, "log10(100) = 2 is the largest");
        plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).Should().Contain(["0.01", "1", "100"]);
    }

    [Fact]
    public void Log_scale_rejects_non_positive_values_naming_the_index_and_series()
    {
        new TrainingCurves { LogScaleY = true }.Invoking(f => f.Add("validation", [1.0, 0.0]))
            .Should().Throw<ArgumentException>()
            .WithMessage("TrainingCurves.Add: LogScaleY needs positive values, but values[1] = 0 (series 'validation')*");
    }

    [Fact]
    public void Bad_series_are_rejected_with_messages_naming_the_argument()
    {
        var figure = new TrainingCurves();

        figure.Invoking(f => f.Add("train", Array.Empty<double>())).Should().Throw<ArgumentException>()
            .WithMessage("TrainingCurves.Add: epochs is empty (length 0)*");
        figure.Invoking(f => f.Add("train", [1.0, double.NaN])).Should().Throw<ArgumentException>()
            .WithMessage("TrainingCurves.Add: values has a non-finite value NaN at index 1 (length 2)*");
        figure.Invoking(f => f.Add("train", [1.0, 2.0], [1.0])).Should().Throw<ArgumentException>()
            .WithMessage("TrainingCurves.Add: values has length 1 but epochs has length 2*");
        figure.Invoking(f => f.Add(" ", [1.0])).Should().Throw<ArgumentException>()
            .WithMessage("TrainingCurves.Add: name must be a non-empty name*");
        figure.Invoking(f => f.Add("train", null!)).Should().Throw<ArgumentNullException>()
            .WithMessage("TrainingCurves.Add: values is null*");
        figure.SeriesCount.Should().Be(0);
    }
}
