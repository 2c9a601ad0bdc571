using System.Xml.Linq;

namespace MlMath.Plotting.Tests;

public sealed class FigureRenderingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mlmath-plotting-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string> Kinds() => Figures.Kinds();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SavePng_writes_a_png_of_the_requested_size(string kind)
    {
        string path = Path.Combine(folder, kind + ".png");
        Figures.Create(kind, "A title").SavePng(path, 641, 377);

        byte[] png = File.ReadAllBytes(path);
        PngImage.HeaderSize(png).Should().Be((641, 377));
        using var image = PngImage.Decode(png);
        image.Width.Should().Be(641);
        image.Height.Should().Be(377);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_png_is_not_blank(string kind)
    {
        using var image = PngImage.Decode(Figures.Create(kind, "A title").GetPngBytes(500, 400));

        image.DistinctColors().Should().BeGreaterThan(20, "data, axes and text use many colours and anti-aliased shades");
        image.NonBackgroundFraction().Should().BeGreaterThan(0.03, "the data and axes cover part of the image");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_title_is_rendered_as_visible_text(string kind)
    {
        // Without a usable font ScottPlot draws no text at all, and both images are the same.
        using var with = PngImage.Decode(Figures.Create(kind, "Title text").GetPngBytes(500, 400));
        using var without = PngImage.Decode(Figures.Create(kind, null).GetPngBytes(500, 400));

        with.DifferingPixels(without, 0, 40).Should().BeGreaterThan(200, "the title occupies the top of the figure");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SaveSvg_writes_well_formed_svg_of_the_requested_size(string kind)
    {
        string path = Path.Combine(folder, kind + ".svg");
        Figures.Create(kind, "A title").SaveSvg(path, 600, 450);

        XDocument svg = XDocument.Load(path);
        svg.Root!.Name.LocalName.Should().Be("svg");
        svg.Root.Attribute("width")!.Value.Should().Be("600");
        svg.Root.Attribute("height")!.Value.Should().Be("450");
        svg.Descendants().Count().Should().BeGreaterThan(10);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_same_figure_renders_the_same_pixels_twice(string kind)
    {
        Figure figure = Figures.Create(kind, "A title");

        figure.GetPngBytes(320, 240).Should().Equal(figure.GetPngBytes(320, 240));
    }

    [Theory]
    [InlineData(0, 100, "width")]
    [InlineData(-5, 100, "width")]
    [InlineData(100, 0, "height")]
    [InlineData(100, 20000, "height")]
    public void Non_positive_or_huge_sizes_are_rejected(int width, int height, string name)
    {
        Figure figure = Figures.Create(nameof(HeatMap));

        figure.Invoking(f => f.SavePng(Path.Combine(folder, "x.png"), width, height))
            .Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage($"HeatMap.SavePng: {name} must be between 1 and 16384*")
            .Which.ParamName.Should().Be(name);
        figure.Invoking(f => f.GetSvgXml(width, height)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Saving_into_a_missing_folder_is_rejected_with_the_path()
    {
        string path = Path.Combine(folder, "no-such-folder", "x.png");

        Figures.Create(nameof(HeatMap)).Invoking(f => f.SavePng(path, 100, 100))
            .Should().Throw<ArgumentException>().WithMessage("HeatMap.SavePng: the folder of path*does not exist*");
    }

    [Fact]
    public void Rendering_leaves_no_file_when_the_figure_is_incomplete()
    {
        string path = Path.Combine(folder, "empty.png");

        new TrainingCurves().Invoking(f => f.SavePng(path, 100, 100))
            .Should().Throw<InvalidOperationException>().WithMessage("TrainingCurves: add at least one series*");
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void Writes_sample_figures_for_inspection()
    {
        // Kept under the test output folder so that a person can look at them after a run.
        string output = Path.Combine(AppContext.BaseDirectory, "figures");
        Directory.CreateDirectory(output);
        foreach (string kind in Figures.Kinds())
        {
            Figures.Create(kind, kind + " (DejaVu Sans)").SavePng(Path.Combine(output, kind + ".png"), 640, 480);
        }

        Directory.GetFiles(output, "*.png").Should().HaveCountGreaterThanOrEqualTo(5);
    }
}
