using ScottPlot;

namespace MlMath.Plotting;

/// <summary>
/// A colormap for class labels 0..K-1 drawn as a heat map whose range is set to [-0.5, K - 0.5]: the
/// normalised position p in [0, 1] maps back to class floor(p K), and each class gets a fixed colour.
/// </summary>
internal sealed class ClassColormap(Color[] colors) : IColormap
{
    /// <inheritdoc />
    public string Name => "MlMath classes";

    /// <inheritdoc />
    public Color GetColor(double position)
    {
        int k = (int)Math.Floor(position * colors.Length);
        return colors[Math.Clamp(k, 0, colors.Length - 1)];
    }

    /// <summary>The colour of class <paramref name="k"/> in every MlMath figure (ScottPlot's Category10 palette, cycled).</summary>
    internal static Color ClassColor(int k) => new ScottPlot.Palettes.Category10().GetColor(k);
}
