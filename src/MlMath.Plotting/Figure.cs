using ScottPlot;

namespace MlMath.Plotting;

/// <summary>
/// What every MlMath figure shares: a title and axis labels, rendering into a ScottPlot
/// <see cref="Plot"/>, and saving as PNG or SVG.
/// </summary>
/// <remarks>
/// A figure holds its own copy of the data and builds a fresh ScottPlot <see cref="Plot"/> each time it is
/// rendered, so it can be saved at several sizes or formats. All text uses the embedded
/// <see cref="PlotFonts.FamilyName"/> font (see <see cref="PlotFonts"/>).
/// </remarks>
public abstract class Figure
{
    /// <summary>Only the figures of this package derive from <see cref="Figure"/>.</summary>
    private protected Figure()
    {
    }

    /// <summary>The title drawn above the data area, or null for none.</summary>
    public string? Title { get; init; }

    /// <summary>The label of the horizontal axis, or null for the figure's default.</summary>
    public string? XLabel { get; init; }

    /// <summary>The label of the vertical axis, or null for the figure's default.</summary>
    public string? YLabel { get; init; }

    /// <summary>
    /// Builds a new ScottPlot <see cref="Plot"/> showing this figure, for customisation beyond what the
    /// figure offers. The caller owns (and should dispose) the returned plot.
    /// </summary>
    /// <exception cref="InvalidOperationException">The figure has nothing to draw yet.</exception>
    public Plot CreatePlot()
    {
        PlotFonts.EnsureRegistered();
        var plot = new Plot();
        try
        {
            plot.Font.Set(PlotFonts.FamilyName);
            Draw(plot);
            if (Title is not null)
            {
                plot.Title(Title);
            }

            if (XLabel is not null)
            {
                plot.XLabel(XLabel);
            }

            if (YLabel is not null)
            {
                plot.YLabel(YLabel);
            }

            // Again, so that everything Draw added (legend, colour bar, labels) uses the embedded font.
            plot.Font.Set(PlotFonts.FamilyName);
            plot.Legend.FontName = PlotFonts.FamilyName;
            return plot;
        }
        catch
        {
            plot.Dispose();
            throw;
        }
    }

    /// <summary>Renders the figure and writes it as a PNG file of exactly <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    /// <param name="path">The file to write (overwritten if it exists); its folder must exist.</param>
    /// <param name="width">Image width in pixels, 1 to 16384.</param>
    /// <param name="height">Image height in pixels, 1 to 16384.</param>
    public void SavePng(string path, int width, int height)
    {
        string method = $"{GetType().Name}.SavePng";
        FigureArguments.OutputPath(path, method);
        File.WriteAllBytes(path, RenderPng(width, height, method));
    }

    /// <summary>Renders the figure and writes it as an SVG file of the given size in pixels.</summary>
    /// <remarks>Lines, markers and text are vector elements; heat maps and decision-boundary backgrounds are embedded raster images.</remarks>
    /// <param name="path">The file to write (overwritten if it exists); its folder must exist.</param>
    /// <param name="width">Image width in pixels, 1 to 16384.</param>
    /// <param name="height">Image height in pixels, 1 to 16384.</param>
    public void SaveSvg(string path, int width, int height)
    {
        string method = $"{GetType().Name}.SaveSvg";
        FigureArguments.OutputPath(path, method);
        File.WriteAllText(path, RenderSvg(width, height, method));
    }

    /// <summary>Renders the figure and returns the bytes of a PNG image of the given size in pixels.</summary>
    /// <param name="width">Image width in pixels, 1 to 16384.</param>
    /// <param name="height">Image height in pixels, 1 to 16384.</param>
    public byte[] GetPngBytes(int width, int height) => RenderPng(width, height, $"{GetType().Name}.GetPngBytes");

    /// <summary>Renders the figure and returns it as an SVG document of the given size in pixels.</summary>
    /// <param name="width">Image width in pixels, 1 to 16384.</param>
    /// <param name="height">Image height in pixels, 1 to 16384.</param>
    public string GetSvgXml(int width, int height) => RenderSvg(width, height, $"{GetType().Name}.GetSvgXml");

    private byte[] RenderPng(int width, int height, string method)
    {
        FigureArguments.ImageSize(width, height, method);
        using Plot plot = CreatePlot();
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private string RenderSvg(int width, int height, string method)
    {
        FigureArguments.ImageSize(width, height, method);
        using Plot plot = CreatePlot();
        return plot.GetSvgXml(width, height);
    }

    /// <summary>Adds this figure's plottables, axis settings and default labels to a fresh plot.</summary>
    private protected abstract void Draw(Plot plot);
}
