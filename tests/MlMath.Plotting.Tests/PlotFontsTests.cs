using ScottPlot;
using SkiaSharp;

namespace MlMath.Plotting.Tests;

public sealed class PlotFontsTests
{
    [Fact]
    public void Registration_puts_the_embedded_resolver_first_and_makes_DejaVu_Sans_the_default()
    {
        PlotFonts.EnsureRegistered();
        PlotFonts.EnsureRegistered();

        Fonts.FontResolvers.OfType<EmbeddedFontResolver>().Should().ContainSingle("registration happens once");
        Fonts.FontResolvers[0].Should().BeOfType<EmbeddedFontResolver>();
        Fonts.Default.Should().Be("DejaVu Sans");
        Fonts.Sans.Should().Be("DejaVu Sans");
    }

    [Fact]
    public void The_embedded_regular_and_bold_faces_load_and_have_latin_glyphs()
    {
        PlotFonts.EnsureRegistered();
        IFontResolver resolver = Fonts.FontResolvers.OfType<EmbeddedFontResolver>().Single();

        using SKTypeface regular = resolver.CreateTypeface(PlotFonts.FamilyName, bold: false, italic: false)!;
        using SKTypeface bold = resolver.CreateTypeface("dejavu sans", FontWeight.Bold, FontSlant.Upright, FontSpacing.Normal)!;

        regular.FamilyName.Should().Be("DejaVu Sans");
        regular.FontWeight.Should().Be((int)SKFontStyleWeight.Normal);
        bold.FontWeight.Should().Be((int)SKFontStyleWeight.Bold);
        regular.ContainsGlyphs("Loss 0.123 epoch").Should().BeTrue();
        resolver.CreateTypeface("Comic Sans MS", false, false).Should().BeNull("other families are left to other resolvers");
    }

    [Fact]
    public void Every_figure_label_uses_the_embedded_family()
    {
        using Plot plot = new TrainingCurves { Title = "t" }.Add("train", [1.0, 0.5]).CreatePlot();

        plot.Axes.Title.Label.FontName.Should().Be(PlotFonts.FamilyName);
        plot.Axes.Bottom.Label.FontName.Should().Be(PlotFonts.FamilyName);
        plot.Axes.Left.TickLabelStyle.FontName.Should().Be(PlotFonts.FamilyName);
        plot.Legend.FontName.Should().Be(PlotFonts.FamilyName);
    }
}
