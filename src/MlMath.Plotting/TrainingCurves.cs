using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace MlMath.Plotting;

/// <summary>
/// Learning curves: one line per named series (train loss, validation loss, accuracy, ...) against the
/// epoch, with a legend and an optional logarithmic y axis.
/// </summary>
/// <example>
/// <code>
/// new TrainingCurves { Title = "MLP on two moons", LogScaleY = true }
///     .Add("train", trainLoss)
///     .Add("validation", validationLoss)
///     .SavePng("loss.png", 800, 500);
/// </code>
/// </example>
/// <remarks>
/// ScottPlot has no logarithmic axis type; with <see cref="LogScaleY"/> the figure plots log10(y) and labels
/// the ticks with 10^tick, with minor ticks at 2..9 times each power of ten (ScottPlot's documented recipe).
/// </remarks>
public sealed class TrainingCurves : Figure
{
    private readonly List<(string Name, double[] X, double[] Y)> series = [];

    /// <summary>Creates an empty figure with axis labels "epoch" and "loss" unless others are given.</summary>
    public TrainingCurves()
    {
        XLabel = "epoch";
        YLabel = "loss";
    }

    /// <summary>Plots the y axis on a logarithmic scale; every value must then be positive.</summary>
    public bool LogScaleY { get; init; }

    /// <summary>The number of series added so far.</summary>
    public int SeriesCount => series.Count;

    /// <summary>Adds a series whose i-th value belongs to epoch i + 1.</summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="values">One finite value per epoch (positive if <see cref="LogScaleY"/>).</param>
    /// <returns>This figure, for chaining.</returns>
    public TrainingCurves Add(string name, IReadOnlyList<double> values)
    {
        FigureArguments.NotNull(values, "TrainingCurves.Add", nameof(values));
        var epochs = new double[values.Count];
        for (int i = 0; i < epochs.Length; i++)
        {
            epochs[i] = i + 1;
        }

        return Add(name, epochs, values);
    }

    /// <summary>Adds a series with explicit x positions (epochs, steps, or wall-clock seconds).</summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="epochs">The x position of each value; finite.</param>
    /// <param name="values">The values, as many as <paramref name="epochs"/>; finite (positive if <see cref="LogScaleY"/>).</param>
    /// <returns>This figure, for chaining.</returns>
    public TrainingCurves Add(string name, IReadOnlyList<double> epochs, IReadOnlyList<double> values)
    {
        const string method = "TrainingCurves.Add";
        FigureArguments.Name(name, method, nameof(name));
        FigureArguments.FiniteNonEmpty(epochs, method, nameof(epochs));
        FigureArguments.FiniteNonEmpty(values, method, nameof(values));
        FigureArguments.SameLength(values.Count, epochs.Count, method, nameof(values), nameof(epochs));
        if (LogScaleY)
        {
            for (int i = 0; i < values.Count; i++)
            {
                if (values[i] <= 0)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{method}: LogScaleY needs positive values, but values[{i}] = {FigureArguments.Format(values[i])} (series '{name}')"),
                        nameof(values));
                }
            }
        }

        series.Add((name, FigureArguments.Copy(epochs), FigureArguments.Copy(values)));
        return this;
    }

    private protected override void Draw(Plot plot)
    {
        if (series.Count == 0)
        {
            throw new InvalidOperationException("TrainingCurves: add at least one series before rendering");
        }

        var palette = new ScottPlot.Palettes.Category10();
        for (int s = 0; s < series.Count; s++)
        {
            (string name, double[] x, double[] y) = series[s];
            double[] shown = LogScaleY ? Array.ConvertAll(y, Math.Log10) : y;
            var line = plot.Add.ScatterLine(x, shown, palette.GetColor(s));
            line.LegendText = name;
            line.LineWidth = 2;
            line.MarkerSize = x.Length <= 30 ? 5 : 0;
        }

        if (LogScaleY)
        {
            // Ticks at whole powers of ten once the data span a decade or more.
            double ratio = series.Max(s => s.Y.Max()) / series.Min(s => s.Y.Min());
            plot.Axes.Left.TickGenerator = new NumericAutomatic
            {
                LabelFormatter = y => Math.Pow(10, y).ToString("G4", CultureInfo.InvariantCulture),
                MinorTickGenerator = new LogMinorTickGenerator(),
                IntegerTicksOnly = ratio >= 10,
            };
        }

        plot.ShowLegend(Alignment.UpperRight);
    }
}
