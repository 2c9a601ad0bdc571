using ScottPlot;

namespace MlMath.Plotting.Tests;

public sealed class BarChartTests
{
    [Fact]
    public void Horizontal_bars_put_the_first_label_at_the_top_and_colour_negative_values_red()
    {
        using Plot plot = new BarChart(["first", "second"], [2.0, -1.0]) { ColorBySign = true }.CreatePlot();
        using var image = PngImage.Decode(plot.GetImageBytes(400, 300, ImageFormat.Png));

        var ticks = plot.Axes.Left.TickGenerator.Ticks;
        ticks.Single(t => t.Label == "first").Position.Should().Be(1, "the first bar is drawn at the top");
        ticks.Single(t => t.Label == "second").Position.Should().Be(0);
        Pixel positive = plot.GetPixel(new Coordinates(1.0, 1));
        Pixel negative = plot.GetPixel(new Coordinates(-0.5, 0));
        image.At(positive.X, positive.Y).Blue.Should().BeGreaterThan(image.At(positive.X, positive.Y).Red, "positive bars are blue");
        image.At(negative.X, negative.Y).Red.Should().BeGreaterThan(image.At(negative.X, negative.Y).Blue, "negative bars are red");
    }

    [Fact]
    public void Vertical_bars_label_the_x_axis()
    {
        using Plot plot = new BarChart(["a", "b", "c"], [1.0, 2.0, 3.0]) { Vertical = true }.CreatePlot();
        plot.GetImageBytes(300, 200, ImageFormat.Png);
        plot.Axes.Bottom.TickGenerator.Ticks.Select(t => t.Label).Should().Equal("a", "b", "c");
        plot.Axes.GetLimits().Top.Should().BeGreaterThan(3.0);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_messages_naming_the_argument()
    {
        FluentActions.Invoking(() => new BarChart(["a"], [1.0, 2.0])).Should().Throw<ArgumentException>()
            .WithMessage("BarChart: values has length 2 but labels has length 1*");
        FluentActions.Invoking(() => new BarChart(["a", " "], [1.0, 2.0])).Should().Throw<ArgumentException>()
            .WithMessage("BarChart: labels[1] must be a non-empty name*");
        FluentActions.Invoking(() => new BarChart(["a"], [double.NaN])).Should().Throw<ArgumentException>()
            .WithMessage("BarChart: values has a non-finite value NaN at index 0*");
        FluentActions.Invoking(() => new BarChart(["a"], [1.0]) { Errors = [1.0, 2.0] }.CreatePlot()).Should().Throw<ArgumentException>()
            .WithMessage("BarChart: Errors has length 2 but values has length 1*");
    }
}
