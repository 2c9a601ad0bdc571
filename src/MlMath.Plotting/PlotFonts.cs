using ScottPlot;

namespace MlMath.Plotting;

/// <summary>
/// The fonts every MlMath figure uses: DejaVu Sans regular and bold, shipped inside this assembly
/// (Bitstream Vera / DejaVu licence, see <c>fonts/LICENSE-DejaVu.txt</c> in the package).
/// </summary>
/// <remarks>
/// ScottPlot draws text with SkiaSharp, whose Linux build finds fonts only under <c>/usr/share/fonts</c>;
/// on a machine without fonts there (a slim container, a CI runner) every title, tick label and legend
/// silently disappears. Registering the embedded files with ScottPlot's font resolver list fixes that and
/// makes figures look the same on every machine.
/// <para>
/// Registration happens once, in this type's static initialiser, the first time a figure is rendered
/// (or <see cref="EnsureRegistered"/> is called). It puts a resolver for <see cref="FamilyName"/> at the
/// front of <see cref="Fonts.FontResolvers"/> (so the embedded file wins over an installed copy) and sets
/// <see cref="Fonts.Default"/> and <see cref="Fonts.Sans"/> to <see cref="FamilyName"/>. That is process-wide
/// ScottPlot state: other ScottPlot plots created afterwards also default to DejaVu Sans.
/// </para>
/// </remarks>
public static class PlotFonts
{
    /// <summary>The family name of the embedded font, which every figure uses for all its text.</summary>
    public const string FamilyName = "DejaVu Sans";

    static PlotFonts()
    {
        Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver(FamilyName,
            "MlMath.Plotting.Fonts.DejaVuSans.ttf", "MlMath.Plotting.Fonts.DejaVuSans-Bold.ttf"));
        Fonts.Default = FamilyName;
        Fonts.Sans = FamilyName;
    }

    /// <summary>
    /// Makes sure the embedded fonts are registered with ScottPlot. Figures call this themselves; call it
    /// directly only before building a ScottPlot <see cref="Plot"/> of your own that should use the fonts.
    /// Calling it again does nothing.
    /// </summary>
    public static void EnsureRegistered()
    {
        // The work is done by the static initialiser, which the runtime runs exactly once, thread-safely,
        // before this (empty) body.
    }
}
