using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace MlMath.Plotting;

/// <summary>
/// A ScottPlot font resolver that answers for one family name with typefaces read from TrueType files
/// embedded in this assembly (a regular and a bold face); any other name is left to the next resolver.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    private readonly string familyName;
    private readonly byte[] regular;
    private readonly byte[] bold;

    /// <summary>Reads the two embedded font files now, so that a packaging mistake fails at first use.</summary>
    internal EmbeddedFontResolver(string familyName, string regularResource, string boldResource)
    {
        this.familyName = familyName;
        regular = ReadResource(regularResource);
        bold = ReadResource(boldResource);
    }

    /// <inheritdoc />
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    /// <inheritdoc />
    /// <remarks>There is no italic face; an italic request gets the upright face of the same weight.</remarks>
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic)
    {
        if (!string.Equals(fontName, familyName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // A new typeface per call: ScottPlot caches what resolvers return and owns those instances.
        using SKData data = SKData.CreateCopy(bold ? this.bold : regular);
        return SKTypeface.FromData(data);
    }

    private static byte[] ReadResource(string name)
    {
        Assembly assembly = typeof(EmbeddedFontResolver).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"MlMath.Plotting: embedded font resource '{name}' is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
