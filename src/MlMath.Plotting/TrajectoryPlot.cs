using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using ScottPlot;

namespace MlMath.Plotting;

/// <summary>
/// Solutions of differential equations, drawn one of two ways: as time series y_i(t) against t, or as a
/// phase portrait, trajectories (x(t), y(t)) in the plane with a dot at each starting point.
/// </summary>
/// <example>
/// <code>
/// new TrajectoryPlot { Title = "Van der Pol, mu = 1", EqualAxisScales = true }
///     .AddPhaseTrajectory("x0 = (0.1, 0)", states)      // n x 2 matrix of (x, y) rows
///     .SavePng("vdp-phase.png", 600, 600);
/// </code>
/// </example>
/// <remarks>
/// The first series added fixes the kind of figure; adding a series of the other kind throws, because time
/// and phase-plane coordinates cannot share axes.
/// </remarks>
public sealed class TrajectoryPlot : Figure
{
    private readonly List<(string Name, double[] X, double[] Y)> series = [];
    private bool? isPhasePortrait;

    /// <summary>Draws one unit of x and one unit of y with the same length on screen (useful for phase portraits).</summary>
    public bool EqualAxisScales { get; init; }

    /// <summary>The number of series added so far.</summary>
    public int SeriesCount => series.Count;

    /// <summary>Adds one time series y(t).</summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="t">The times, strictly increasing and finite.</param>
    /// <param name="y">The values, one per time; finite.</param>
    /// <returns>This figure, for chaining.</returns>
    public TrajectoryPlot AddTimeSeries(string name, IReadOnlyList<double> t, IReadOnlyList<double> y)
    {
        const string method = "TrajectoryPlot.AddTimeSeries";
        FigureArguments.Name(name, method, nameof(name));
        FigureArguments.FiniteNonEmpty(t, method, nameof(t));
        FigureArguments.FiniteNonEmpty(y, method, nameof(y));
        FigureArguments.SameLength(y.Count, t.Count, method, nameof(y), nameof(t));
        for (int k = 1; k < t.Count; k++)
        {
            if (!(t[k] > t[k - 1]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{method}: t must be strictly increasing, but t[{k - 1}] = {FigureArguments.Format(t[k - 1])} and t[{k}] = {FigureArguments.Format(t[k])}"),
                    nameof(t));
            }
        }

        SetKind(phase: false, method);
        series.Add((name, FigureArguments.Copy(t), FigureArguments.Copy(y)));
        return this;
    }

    /// <summary>Adds every component of a solution as a time series: column i of <paramref name="states"/> is y_i(t).</summary>
    /// <param name="t">The times, strictly increasing and finite.</param>
    /// <param name="states">An n x d matrix whose row k is the state at t[k]; finite.</param>
    /// <param name="names">Legend entries, one per column; null names them y0, y1, ...</param>
    /// <returns>This figure, for chaining.</returns>
    public TrajectoryPlot AddTimeSeries(IReadOnlyList<double> t, Matrix<double> states, IReadOnlyList<string>? names = null)
    {
        const string method = "TrajectoryPlot.AddTimeSeries";
        FigureArguments.FiniteNonEmpty(states, method, nameof(states));
        FigureArguments.NotNull(t, method, nameof(t));
        FigureArguments.SameLength(states.RowCount, t.Count, method, "the rows of states", nameof(t));
        if (names is not null)
        {
            FigureArguments.SameLength(names.Count, states.ColumnCount, method, nameof(names), "the columns of states");
        }

        for (int i = 0; i < states.ColumnCount; i++)
        {
            AddTimeSeries(names?[i] ?? string.Create(CultureInfo.InvariantCulture, $"y{i}"), t, states.Column(i).ToArray());
        }

        return this;
    }

    /// <summary>Adds one trajectory (x(t), y(t)) in the phase plane, points in time order.</summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="x">The first coordinate along the trajectory; finite.</param>
    /// <param name="y">The second coordinate, as many as <paramref name="x"/>; finite.</param>
    /// <returns>This figure, for chaining.</returns>
    public TrajectoryPlot AddPhaseTrajectory(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        const string method = "TrajectoryPlot.AddPhaseTrajectory";
        FigureArguments.Name(name, method, nameof(name));
        FigureArguments.FiniteNonEmpty(x, method, nameof(x));
        FigureArguments.FiniteNonEmpty(y, method, nameof(y));
        FigureArguments.SameLength(y.Count, x.Count, method, nameof(y), nameof(x));
        SetKind(phase: true, method);
        series.Add((name, FigureArguments.Copy(x), FigureArguments.Copy(y)));
        return this;
    }

    /// <summary>Adds one phase-plane trajectory given as an n x 2 matrix of states (row k = (x, y) at step k).</summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="states">An n x 2 matrix of finite states.</param>
    /// <returns>This figure, for chaining.</returns>
    public TrajectoryPlot AddPhaseTrajectory(string name, Matrix<double> states)
    {
        const string method = "TrajectoryPlot.AddPhaseTrajectory";
        FigureArguments.FiniteNonEmpty(states, method, nameof(states));
        FigureArguments.Columns(states, 2, method, nameof(states));
        return AddPhaseTrajectory(name, states.Column(0).ToArray(), states.Column(1).ToArray());
    }

    private void SetKind(bool phase, string method)
    {
        if (isPhasePortrait is bool current && current != phase)
        {
            string existing = current ? "phase trajectories" : "time series";
            throw new InvalidOperationException(
                $"{method}: this figure already holds {existing}; time series and phase trajectories need separate figures");
        }

        isPhasePortrait = phase;
    }

    private protected override void Draw(Plot plot)
    {
        if (series.Count == 0)
        {
            throw new InvalidOperationException("TrajectoryPlot: add at least one series before rendering");
        }

        bool phase = isPhasePortrait == true;
        for (int s = 0; s < series.Count; s++)
        {
            (string name, double[] x, double[] y) = series[s];
            Color color = ClassColormap.ClassColor(s);
            var line = plot.Add.ScatterLine(x, y, color);
            line.LegendText = name;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            if (phase)
            {
                plot.Add.Marker(x[0], y[0], MarkerShape.FilledCircle, 9, color);
            }
        }

        plot.XLabel(phase ? "x" : "t");
        plot.YLabel(phase ? "y" : "y(t)");
        if (EqualAxisScales)
        {
            plot.Axes.SquareUnits();
        }

        plot.ShowLegend(Alignment.UpperRight);
    }
}
