using MathNet.Numerics.LinearAlgebra;
using ScottPlot;

namespace MlMath.Plotting.Tests;

public sealed class ScatterPlot2DTests
{
    private static readonly Matrix<double> Points = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 0 } });

    [Fact]
    public void The_decision_boundary_colours_each_region_by_its_predicted_class()
    {
        // Class 1 above the line y = 0.5, class 0 below it.
        var figure = new ScatterPlot2D(Points, [0, 1, 0])
            .WithDecisionBoundary(grid => [.. Enumerable.Range(0, grid.RowCount).Select(i => grid[i, 1] > 0.5 ? 1 : 0)], 40);
        using Plot plot = figure.CreatePlot();
        using var image = PngImage.Decode(plot.GetImageBytes(400, 400, ImageFormat.Png));

        var below = image.At(plot.GetPixel(new Coordinates(1.5, -0.05)).X, plot.GetPixel(new Coordinates(1.5, -0.05)).Y);
        var above = image.At(plot.GetPixel(new Coordinates(0.5, 1.05)).X, plot.GetPixel(new Coordinates(0.5, 1.05)).Y);

        above.Should().NotBe(below);
        Color class0 = new ScottPlot.Palettes.Category10().GetColor(0).Lighten(0.6);
        ToColor(below).Should().Be(class0, "the bottom of the plane is predicted class 0");
    }

    [Fact]
    public void A_precomputed_grid_has_row_zero_at_the_bottom()
    {
        int[,] grid = { { 0, 0 }, { 1, 1 } };
        using Plot plot = new ScatterPlot2D(Points, [0, 1, 0]).WithDecisionBoundary(grid, -1, 3, -1, 2).CreatePlot();
        using var image = PngImage.Decode(plot.GetImageBytes(300, 300, ImageFormat.Png));

        Pixel bottom = plot.GetPixel(new Coordinates(-0.8, -0.8));
        Pixel top = plot.GetPixel(new Coordinates(-0.8, 1.8));
        ToColor(image.At(bottom.X, bottom.Y)).Should().Be(new ScottPlot.Palettes.Category10().GetColor(0).Lighten(0.6));
        ToColor(image.At(top.X, top.Y)).Should().Be(new ScottPlot.Palettes.Category10().GetColor(1).Lighten(0.6));
    }

    [Fact]
    public void A_single_row_grid_still_covers_the_box()
    {
        int[,] grid = { { 0, 1 } };
        using Plot plot = new ScatterPlot2D(Points, [0, 1, 0]).WithDecisionBoundary(grid, -1, 3, -1, 2).CreatePlot();
        using var image = PngImage.Decode(plot.GetImageBytes(300, 300, ImageFormat.Png));

        Pixel left = plot.GetPixel(new Coordinates(-0.8, 1.8));
        Pixel right = plot.GetPixel(new Coordinates(2.8, -0.8));
        ToColor(image.At(left.X, left.Y)).Should().Be(new ScottPlot.Palettes.Category10().GetColor(0).Lighten(0.6));
        ToColor(image.At(right.X, right.Y)).Should().Be(new ScottPlot.Palettes.Category10().GetColor(1).Lighten(0.6));
    }

    [Fact]
    public void Bad_points_and_labels_are_rejected_with_messages()
    {
        Action wrongShape = () => _ = new ScatterPlot2D(Matrix<double>.Build.Dense(3, 3), [0, 1, 0]);
        Action wrongLength = () => _ = new ScatterPlot2D(Points, [0, 1]);
        Action negative = () => _ = new ScatterPlot2D(Points, [0, -1, 0]);
        Action infinite = () => _ = new ScatterPlot2D(Matrix<double>.Build.DenseOfArray(new[,] { { 0, double.PositiveInfinity } }), [0]);
        Action empty = () => _ = new ScatterPlot2D(Matrix<double>.Build.Dense(0, 2), []);

        wrongShape.Should().Throw<ArgumentException>().WithMessage("ScatterPlot2D: points must have 2 columns, got 3x3*");
        wrongLength.Should().Throw<ArgumentException>().WithMessage("ScatterPlot2D: labels has length 2 but the rows of points has length 3*");
        negative.Should().Throw<ArgumentException>().WithMessage("ScatterPlot2D: labels has a negative class label -1 at index 1*");
        infinite.Should().Throw<ArgumentException>().WithMessage("ScatterPlot2D: points has a non-finite value Infinity at (0, 1) (1x2)*");
        empty.Should().Throw<ArgumentException>().WithMessage("ScatterPlot2D: points is empty (0x2)*");
    }

    [Fact]
    public void A_classifier_returning_the_wrong_number_of_labels_is_rejected()
    {
        var figure = new ScatterPlot2D(Points, [0, 1, 0]);

        figure.Invoking(f => f.WithDecisionBoundary(_ => [0, 1], 10)).Should().Throw<ArgumentException>()
            .WithMessage("ScatterPlot2D.WithDecisionBoundary: the classifier's result has length 2 but the grid (rows of its input) has length 100*");
        figure.Invoking(f => f.WithDecisionBoundary(_ => [0], 1)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("ScatterPlot2D.WithDecisionBoundary: resolution must be between 2 and 1000, got 1*");
        figure.Invoking(f => f.WithDecisionBoundary(new int[2, 2], 1, 1, 0, 1)).Should().Throw<ArgumentException>()
            .WithMessage("ScatterPlot2D.WithDecisionBoundary: need finite xMin < xMax, got xMin = 1, xMax = 1*");
    }

    private static Color ToColor(SkiaSharp.SKColor c) => new(c.Red, c.Green, c.Blue, c.Alpha);
}
