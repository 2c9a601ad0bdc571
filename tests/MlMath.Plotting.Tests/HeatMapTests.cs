using MathNet.Numerics.LinearAlgebra;
using ScottPlot;

namespace MlMath.Plotting.Tests;

public sealed class HeatMapTests
{
    [Fact]
    public void Row_zero_is_drawn_at_the_top_like_a_printed_matrix()
    {
        // Only entry (0, 0) is large: it must be the top-left cell, in Viridis yellow.
        Matrix<double> m = Matrix<double>.Build.Dense(3, 4);
        m[0, 0] = 1;
        using Plot plot = new HeatMap(m).CreatePlot();
        using var image = PngImage.Decode(plot.GetImageBytes(400, 300, ImageFormat.Png));

        Pixel topLeft = plot.GetPixel(new Coordinates(0, 2));
        Pixel bottomLeft = plot.GetPixel(new Coordinates(0, 0));
        topLeft.Y.Should().BeLessThan(bottomLeft.Y);
        SkiaSharp.SKColor top = image.At(topLeft.X, topLeft.Y);
        SkiaSharp.SKColor bottom = image.At(bottomLeft.X, bottomLeft.Y);
        top.Red.Should().BeGreaterThan(200, "the maximum maps to Viridis yellow");
        top.Green.Should().BeGreaterThan(200);
        bottom.Red.Should().BeLessThan(100, "the minimum maps to Viridis dark purple");
    }

    [Fact]
    public void Each_cell_spans_one_unit_centred_on_its_index()
    {
        // Entries 0 and 1 alternate along the single row; sample near both edges of every cell.
        Matrix<double> m = Matrix<double>.Build.Dense(1, 5, (_, j) => j % 2);
        using Plot plot = new HeatMap(m).CreatePlot();
        using var image = PngImage.Decode(plot.GetImageBytes(500, 200, ImageFormat.Png));

        for (int j = 0; j < 5; j++)
        {
            foreach (double dx in new[] { -0.4, 0.4 })
            {
                Pixel px = plot.GetPixel(new Coordinates(j + dx, 0));
                image.At(px.X, px.Y).Red.Should().Be(j % 2 == 0 ? (byte)68 : (byte)253, $"x = {j + dx} lies in cell {j}");
            }
        }
    }

    [Fact]
    public void Tick_labels_name_rows_from_the_top_and_use_given_labels()
    {
        using Plot plot = new HeatMap(Matrix<double>.Build.Dense(2, 3, (i, j) => i + j))
        {
            RowLabels = ["cat", "dog"],
            ColumnLabels = ["a", "b", "c"],
        }.CreatePlot();
        plot.GetImageBytes(300, 200, ImageFormat.Png);

        plot.Axes.Left.TickGenerator.Ticks.Should().Contain(t => t.Label == "cat" && t.Position == 1)
            .And.Contain(t => t.Label == "dog" && t.Position == 0);
        plot.Axes.Bottom.TickGenerator.Ticks.Select(t => t.Label).Should().Equal("a", "b", "c");
    }

    [Fact]
    public void Value_annotations_add_text_to_the_cells()
    {
        Matrix<double> confusion = Matrix<double>.Build.DenseOfArray(new double[,] { { 50, 2 }, { 3, 45 } });
        using var plain = PngImage.Decode(new HeatMap(confusion).GetPngBytes(400, 400));
        using var annotated = PngImage.Decode(new HeatMap(confusion) { ShowValues = true, ValueFormat = "F0" }.GetPngBytes(400, 400));

        annotated.DifferingPixels(plain, 0, 400).Should().BeGreaterThan(100, "four numbers are written over the cells");
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(1, 1)]
    [InlineData(1, 4)]
    [InlineData(4, 1)]
    public void A_constant_or_degenerate_matrix_still_fills_the_data_area(int rows, int columns)
    {
        using Plot plot = new HeatMap(Matrix<double>.Build.Dense(rows, columns, 2.0)).CreatePlot();
        using var image = PngImage.Decode(plot.GetImageBytes(300, 300, ImageFormat.Png));

        Pixel centre = plot.GetPixel(new Coordinates((columns - 1) / 2.0, (rows - 1) / 2.0));
        image.At(centre.X, centre.Y).Should().NotBe(SkiaSharp.SKColors.White);
        image.NonBackgroundFraction().Should().BeGreaterThan(0.2);
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_messages()
    {
        Action nan = () => _ = new HeatMap(Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, double.NaN } }));
        Action empty = () => _ = new HeatMap(Matrix<double>.Build.Dense(0, 3));

        nan.Should().Throw<ArgumentException>().WithMessage("HeatMap: values has a non-finite value NaN at (0, 1) (1x2)*");
        empty.Should().Throw<ArgumentException>().WithMessage("HeatMap: values is empty (0x3)*");
        new HeatMap(Matrix<double>.Build.Dense(40, 5)) { ShowValues = true }.Invoking(h => h.GetPngBytes(100, 100))
            .Should().Throw<InvalidOperationException>().WithMessage("HeatMap: ShowValues supports matrices up to 30x30, this one is 40x5");
        new HeatMap(Matrix<double>.Build.Dense(2, 2)) { RowLabels = ["only one"] }.Invoking(h => h.GetPngBytes(100, 100))
            .Should().Throw<InvalidOperationException>().WithMessage("HeatMap: RowLabels has 1 entries but the matrix has 2 rows");
    }
}
