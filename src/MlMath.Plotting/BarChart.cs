using System.Globalization;
using ScottPlot;

namespace MlMath.Plotting;

/// <summary>
/// One bar per named value, optionally with error bars: feature importances (mean and standard deviation over
/// repeats), Shapley values of one prediction, per-class scores.
/// </summary>
/// <example>
/// <code>
/// new BarChart(["petal length", "petal width"], [0.41, 0.22]) { Errors = [0.03, 0.02], Title = "Permutation importance" }
///     .SavePng("importance.png", 800, 500);
/// </code>
/// </example>
/// <remarks>
/// Bars are horizontal by default, so long feature names stay readable; the first value is drawn at the top.
/// With <see cref="ColorBySign"/> positive bars use the first colour of the Category10 palette (blue) and
/// negative bars the fourth (red), the convention of SHAP's force and waterfall plots.
/// </remarks>
public sealed class BarChart : Figure
{
    private readonly string[] labels;
    private readonly double[] values;

    /// <summary>Creates the figure from labels and values.</summary>
    /// <param name="labels">One non-empty label per bar.</param>
    /// <param name="values">One finite value per bar (negative values draw bars to the other side of 0).</param>
    public BarChart(IReadOnlyList<string> labels, IReadOnlyList<double> values)
    {
        const string method = "BarChart";
        FigureArguments.NotNull(labels, method, nameof(labels));
        FigureArguments.FiniteNonEmpty(values, method, nameof(values));
        FigureArguments.SameLength(values.Count, labels.Count, method, nameof(values), nameof(labels));
        for (int i = 0; i < labels.Count; i++)
        {
            FigureArguments.Name(labels[i], method, string.Create(CultureInfo.InvariantCulture, $"labels[{i}]"));
        }

        this.labels = [.. labels];
        this.values = FigureArguments.Copy(values);
        XLabel = "value";
    }

    /// <summary>The half-length of an error bar on each bar (e.g. a standard deviation), or null for none; validated when rendering.</summary>
    public IReadOnlyList<double>? Errors { get; init; }

    /// <summary>Draws vertical bars (labels along the x axis) instead of horizontal ones.</summary>
    public bool Vertical { get; init; }

    /// <summary>Colours positive and negative bars differently (blue and red).</summary>
    public bool ColorBySign { get; init; }

    /// <summary>The number of bars.</summary>
    public int Count => values.Length;

    private protected override void Draw(Plot plot)
    {
        if (Errors is not null)
        {
            FigureArguments.FiniteNonEmpty(Errors, "BarChart", nameof(Errors));
            FigureArguments.SameLength(Errors.Count, values.Length, "BarChart", nameof(Errors), nameof(values));
        }

        var palette = new ScottPlot.Palettes.Category10();
        int n = values.Length;
        var bars = new List<Bar>(n);
        for (int i = 0; i < n; i++)
        {
            bool negative = ColorBySign && values[i] < 0;
            bars.Add(new Bar
            {
                // Horizontal: the first bar at the top.
                Position = Vertical ? i : n - 1 - i,
                Value = values[i],
                Error = Errors?[i] ?? 0,
                FillColor = palette.GetColor(negative ? 3 : 0),
            });
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = !Vertical;
        double[] positions = [.. Enumerable.Range(0, n).Select(i => (double)(Vertical ? i : n - 1 - i))];
        IAxis axis = Vertical ? plot.Axes.Bottom : plot.Axes.Left;
        axis.SetTicks(positions, labels);
    }
}
