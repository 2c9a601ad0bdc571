using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using ScottPlot;

namespace MlMath.Plotting;

/// <summary>
/// Contour lines of a function f(x, y) over a box, over a colour map of its values, with optional
/// polylines drawn on top (the iterates of optimisers, for example gradient descent against L-BFGS on the
/// Rosenbrock function).
/// </summary>
/// <example>
/// <code>
/// new ContourPlot((x, y) => Math.Pow(1 - x, 2) + 100 * Math.Pow(y - x * x, 2), -2, 2, -1, 3) { LogScaleValues = true }
///     .AddPath("gradient descent", gdIterates)
///     .SavePng("rosenbrock.png", 700, 600);
/// </code>
/// </example>
/// <remarks>
/// f is sampled once, at construction, on a resolution x resolution grid of points including the box's
/// corners. Functions with a deep narrow valley (Rosenbrock) are easier to read with
/// <see cref="LogScaleValues"/>, which colours and contours log10(1 + f - min f) instead of f: the same
/// level sets, spaced logarithmically.
/// </remarks>
public sealed class ContourPlot : Figure
{
    private readonly Coordinates3d[,] samples;
    private readonly (double XMin, double XMax, double YMin, double YMax) box;
    private readonly List<(string Name, double[] X, double[] Y)> paths = [];

    /// <summary>Samples <paramref name="f"/> over [xMin, xMax] x [yMin, yMax].</summary>
    /// <param name="f">The function to draw; must be finite at every grid point.</param>
    /// <param name="xMin">Left edge of the box.</param>
    /// <param name="xMax">Right edge of the box.</param>
    /// <param name="yMin">Bottom edge of the box.</param>
    /// <param name="yMax">Top edge of the box.</param>
    /// <param name="resolution">Grid points per side, 2 to 1000.</param>
    public ContourPlot(Func<double, double, double> f, double xMin, double xMax, double yMin, double yMax, int resolution = 120)
    {
        const string method = "ContourPlot";
        FigureArguments.NotNull(f, method, nameof(f));
        FigureArguments.Interval(xMin, xMax, method, nameof(xMin), nameof(xMax));
        FigureArguments.Interval(yMin, yMax, method, nameof(yMin), nameof(yMax));
        FigureArguments.InRange(resolution, 2, 1000, method, nameof(resolution));
        box = (xMin, xMax, yMin, yMax);
        samples = new Coordinates3d[resolution, resolution];
        for (int i = 0; i < resolution; i++)
        {
            double y = yMin + (i * (yMax - yMin) / (resolution - 1));
            for (int j = 0; j < resolution; j++)
            {
                double x = xMin + (j * (xMax - xMin) / (resolution - 1));
                double z = f(x, y);
                if (!double.IsFinite(z))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{method}: f({FigureArguments.Format(x)}, {FigureArguments.Format(y)}) = {FigureArguments.Format(z)} is not finite; choose a box where f is finite"),
                        nameof(f));
                }

                samples[i, j] = new Coordinates3d(x, y, z);
            }
        }

        XLabel = "x";
        YLabel = "y";
    }

    /// <summary>Colours and contours log10(1 + f - min f) instead of f (see the remarks).</summary>
    public bool LogScaleValues { get; init; }

    /// <summary>The number of contour levels, 1 to 100; 12 by default.</summary>
    public int LevelCount { get; init; } = 12;

    /// <summary>Adds a polyline (an optimiser's iterates, in order) drawn over the contours, with a legend entry.</summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="xs">The x coordinates; finite.</param>
    /// <param name="ys">The y coordinates, as many as <paramref name="xs"/>; finite.</param>
    /// <returns>This figure, for chaining.</returns>
    public ContourPlot AddPath(string name, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        const string method = "ContourPlot.AddPath";
        FigureArguments.Name(name, method, nameof(name));
        FigureArguments.FiniteNonEmpty(xs, method, nameof(xs));
        FigureArguments.FiniteNonEmpty(ys, method, nameof(ys));
        FigureArguments.SameLength(ys.Count, xs.Count, method, nameof(ys), nameof(xs));
        paths.Add((name, FigureArguments.Copy(xs), FigureArguments.Copy(ys)));
        return this;
    }

    /// <summary>Adds a polyline given as an n x 2 matrix (row k is the k-th point).</summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="points">An n x 2 matrix of finite coordinates.</param>
    /// <returns>This figure, for chaining.</returns>
    public ContourPlot AddPath(string name, Matrix<double> points)
    {
        const string method = "ContourPlot.AddPath";
        FigureArguments.FiniteNonEmpty(points, method, nameof(points));
        FigureArguments.Columns(points, 2, method, nameof(points));
        return AddPath(name, points.Column(0).ToArray(), points.Column(1).ToArray());
    }

    private protected override void Draw(Plot plot)
    {
        FigureArguments.InRange(LevelCount, 1, 100, "ContourPlot", nameof(LevelCount));
        int n = samples.GetLength(0);
        double min = samples.Cast<Coordinates3d>().Min(c => c.Z);
        var shown = new Coordinates3d[n, n];
        var intensities = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Coordinates3d c = samples[i, j];
                double z = LogScaleValues ? Math.Log10(1 + c.Z - min) : c.Z;
                shown[i, j] = new Coordinates3d(c.X, c.Y, z);

                // ScottPlot draws heat-map row 0 at the top; sample row 0 is at yMin, the bottom.
                intensities[n - 1 - i, j] = z;
            }
        }

        // Grid points are cell centres, so the image extends half a cell beyond the box.
        double halfX = (box.XMax - box.XMin) / (2 * (n - 1));
        double halfY = (box.YMax - box.YMin) / (2 * (n - 1));
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Rectangle = new CoordinateRect(box.XMin - halfX, box.XMax + halfX, box.YMin - halfY, box.YMax + halfY);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = LogScaleValues ? "log10(1 + f - min f)" : "f(x, y)";

        var contours = plot.Add.ContourLines(shown, LevelCount);
        contours.LineColor = Colors.White.WithAlpha(0.8);
        contours.LineWidth = 1;
        contours.LabelStyle.IsVisible = false; // the colour bar gives the values; labels on every line clutter

        for (int p = 0; p < paths.Count; p++)
        {
            (string name, double[] xs, double[] ys) = paths[p];
            Color color = ClassColormap.ClassColor(p + 1);
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LegendText = name;
            line.LineWidth = 2;
            line.MarkerSize = xs.Length <= 60 ? 4 : 0;
            plot.Add.Marker(xs[^1], ys[^1], MarkerShape.FilledSquare, 9, color);
        }

        plot.Axes.SetLimits(box.XMin, box.XMax, box.YMin, box.YMax);
        if (paths.Count > 0)
        {
            plot.ShowLegend(Alignment.UpperRight);
        }
    }
}
