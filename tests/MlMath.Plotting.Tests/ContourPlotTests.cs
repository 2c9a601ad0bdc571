using MathNet.Numerics.LinearAlgebra;
using ScottPlot;

namespace MlMath.Plotting.Tests;

public sealed class ContourPlotTests
{
    [Fact]
    public void Values_are_coloured_with_y_increasing_upwards()
    {
        // f = y: dark (low) at the bottom, yellow (high) at the top.
        using Plot plot = new ContourPlot((x, y) => y, 0, 1, 0, 1, 30).CreatePlot();
        using var image = PngImage.Decode(plot.GetImageBytes(400, 400, ImageFormat.Png));

        Pixel low = plot.GetPixel(new Coordinates(0.5, 0.02));
        Pixel high = plot.GetPixel(new Coordinates(0.5, 0.98));
        image.At(low.X, low.Y).Red.Should().BeLessThan(100);
        image.At(high.X, high.Y).Red.Should().BeGreaterThan(180);
    }

    [Fact]
    public void Paths_appear_in_the_legend_and_change_the_image()
    {
        var bare = new ContourPlot(Figures.Rosenbrock, -2, 2, -1, 3, 40) { LogScaleValues = true };
        var withPath = new ContourPlot(Figures.Rosenbrock, -2, 2, -1, 3, 40) { LogScaleValues = true }
            .AddPath("L-BFGS", Matrix<double>.Build.DenseOfArray(new double[,] { { -1.2, 1 }, { 0, 0 }, { 1, 1 } }));
        using var a = PngImage.Decode(bare.GetPngBytes(400, 400));
        using var b = PngImage.Decode(withPath.GetPngBytes(400, 400));
        using Plot plot = withPath.CreatePlot();

        b.DifferingPixels(a, 0, 400).Should().BeGreaterThan(500);
        plot.Legend.GetItems().Select(i => i.LabelText).Should().Contain("L-BFGS");
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_messages()
    {
        Action badBox = () => _ = new ContourPlot((x, y) => x, 1, 0, 0, 1);
        Action pole = () => _ = new ContourPlot((x, y) => 1 / x, -1, 1, 0, 1, 3);
        Action nanBound = () => _ = new ContourPlot((x, y) => x, 0, 1, double.NaN, 1);

        badBox.Should().Throw<ArgumentException>().WithMessage("ContourPlot: need finite xMin < xMax, got xMin = 1, xMax = 0*");
        pole.Should().Throw<ArgumentException>().WithMessage("ContourPlot: f(0, 0) = Infinity is not finite*");
        nanBound.Should().Throw<ArgumentException>().WithMessage("ContourPlot: need finite yMin < yMax*");

        var figure = new ContourPlot((x, y) => x, 0, 1, 0, 1, 5);
        figure.Invoking(f => f.AddPath("p", [0.0, 1.0], [0.0])).Should().Throw<ArgumentException>()
            .WithMessage("ContourPlot.AddPath: ys has length 1 but xs has length 2*");
        figure.Invoking(f => f.AddPath("p", Matrix<double>.Build.Dense(3, 1))).Should().Throw<ArgumentException>()
            .WithMessage("ContourPlot.AddPath: points must have 2 columns, got 3x1*");
        new ContourPlot((x, y) => x, 0, 1, 0, 1, 5) { LevelCount = 0 }.Invoking(f => f.GetPngBytes(100, 100))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("ContourPlot: LevelCount must be between 1 and 100, got 0*");
    }
}
