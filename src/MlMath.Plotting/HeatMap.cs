using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using ScottPlot;

namespace MlMath.Plotting;

/// <summary>
/// A matrix drawn as coloured cells with a colour bar: confusion matrices, weight matrices, saliency maps,
/// attention or adjacency matrices. Small matrices can show each value in its cell.
/// </summary>
/// <remarks>
/// Matrix convention: row 0 is at the top and column 0 at the left, and the axis ticks show row and column
/// indices (or the given labels). Colours follow ScottPlot's Viridis map from the smallest value (dark
/// blue) to the largest (yellow).
/// </remarks>
public sealed class HeatMap : Figure
{
    /// <summary>The largest number of rows or columns for which <see cref="ShowValues"/> is allowed.</summary>
    public const int MaxAnnotatedSize = 30;

    private readonly Matrix<double> values;

    /// <summary>Creates the figure from a matrix of finite values.</summary>
    /// <param name="values">The matrix to draw; at least 1 x 1, every entry finite.</param>
    public HeatMap(Matrix<double> values)
    {
        FigureArguments.FiniteNonEmpty(values, "HeatMap", nameof(values));
        this.values = values.Clone();
        XLabel = "column";
        YLabel = "row";
    }

    /// <summary>Writes each value in its cell (only for matrices up to <see cref="MaxAnnotatedSize"/> on each side).</summary>
    public bool ShowValues { get; init; }

    /// <summary>The .NET format string for <see cref="ShowValues"/> (invariant culture); "G3" by default.</summary>
    public string ValueFormat { get; init; } = "G3";

    /// <summary>The label of the colour bar, or null for none.</summary>
    public string? ColorBarLabel { get; init; }

    /// <summary>Tick labels for the rows (e.g. true classes of a confusion matrix), one per row; null shows indices.</summary>
    public IReadOnlyList<string>? RowLabels { get; init; }

    /// <summary>Tick labels for the columns (e.g. predicted classes), one per column; null shows indices.</summary>
    public IReadOnlyList<string>? ColumnLabels { get; init; }

    private protected override void Draw(Plot plot)
    {
        int rows = values.RowCount;
        int columns = values.ColumnCount;
        CheckOptions(rows, columns);

        var heatmap = plot.Add.Heatmap(values.ToArray());
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        double min = values.Enumerate().Min();
        double max = values.Enumerate().Max();
        ScottPlot.Range range = max > min ? new ScottPlot.Range(min, max) : new ScottPlot.Range(min - 0.5, min + 0.5);
        heatmap.ManualRange = range;

        // ScottPlot's default placement is the one we want: cell (i, j) is centred at x = j, y = rows - 1 - i,
        // so row 0 is the top row. (Setting Rectangle instead collapses a one-row matrix in ScottPlot 5.1.59.)
        var colorBar = plot.Add.ColorBar(heatmap);
        if (ColorBarLabel is not null)
        {
            colorBar.Label = ColorBarLabel;
        }

        SetTicks(plot.Axes.Bottom, columns, j => j, ColumnLabels);
        SetTicks(plot.Axes.Left, rows, i => rows - 1 - i, RowLabels);
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        plot.Grid.IsVisible = false;

        if (ShowValues)
        {
            Annotate(plot, heatmap.Colormap, range);
        }
    }

    private void CheckOptions(int rows, int columns)
    {
        if (ShowValues && (rows > MaxAnnotatedSize || columns > MaxAnnotatedSize))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"HeatMap: ShowValues supports matrices up to {MaxAnnotatedSize}x{MaxAnnotatedSize}, this one is {rows}x{columns}"));
        }

        if (RowLabels is not null && RowLabels.Count != rows)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"HeatMap: RowLabels has {RowLabels.Count} entries but the matrix has {rows} rows"));
        }

        if (ColumnLabels is not null && ColumnLabels.Count != columns)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"HeatMap: ColumnLabels has {ColumnLabels.Count} entries but the matrix has {columns} columns"));
        }
    }

    private static void SetTicks(IAxis axis, int count, Func<int, double> position, IReadOnlyList<string>? labels)
    {
        // About ten ticks at most, unless every index has a label to show.
        int step = labels is null ? Math.Max(1, (int)Math.Ceiling(count / 10.0)) : 1;
        var positions = new List<double>();
        var texts = new List<string>();
        for (int k = 0; k < count; k += step)
        {
            positions.Add(position(k));
            texts.Add(labels?[k] ?? k.ToString(CultureInfo.InvariantCulture));
        }

        axis.SetTicks([.. positions], [.. texts]);
    }

    private void Annotate(Plot plot, IColormap colormap, ScottPlot.Range range)
    {
        for (int i = 0; i < values.RowCount; i++)
        {
            for (int j = 0; j < values.ColumnCount; j++)
            {
                double v = values[i, j];
                var text = plot.Add.Text(v.ToString(ValueFormat, CultureInfo.InvariantCulture), j, values.RowCount - 1 - i);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontName = PlotFonts.FamilyName;
                text.LabelFontSize = 12;

                // Dark text on light cells, light text on dark cells.
                Color cell = colormap.GetColor(range.Normalize(v, clamp: true));
                text.LabelFontColor = cell.Luminance > 0.5 ? Colors.Black : Colors.White;
            }
        }
    }
}
