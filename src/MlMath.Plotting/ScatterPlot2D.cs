using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using ScottPlot;

namespace MlMath.Plotting;

/// <summary>
/// Two-dimensional points coloured by class, optionally over a decision-boundary background that shows
/// which class a classifier predicts at every point of the plane.
/// </summary>
/// <example>
/// <code>
/// new ScatterPlot2D(x, y) { Title = "Two moons" }
///     .WithDecisionBoundary(grid => model.Predict(grid))
///     .SavePng("moons.png", 600, 600);
/// </code>
/// </example>
/// <remarks>
/// The background is a class grid: cell (i, j) holds the class at x_j (left to right) and y_i (bottom to
/// top). It is either computed by calling a classifier once on all cell centres, or passed in precomputed.
/// </remarks>
public sealed class ScatterPlot2D : Figure
{
    private readonly Matrix<double> points;
    private readonly int[] labels;
    private int[,]? grid;
    private (double XMin, double XMax, double YMin, double YMax) box;

    /// <summary>Creates the figure from the points and their class labels.</summary>
    /// <param name="points">An n x 2 matrix: row i is point i, column 0 its x, column 1 its y; finite.</param>
    /// <param name="labels">The class of each point, a non-negative integer; as many as <paramref name="points"/> has rows.</param>
    public ScatterPlot2D(Matrix<double> points, IReadOnlyList<int> labels)
    {
        const string method = "ScatterPlot2D";
        FigureArguments.FiniteNonEmpty(points, method, nameof(points));
        FigureArguments.Columns(points, 2, method, nameof(points));
        FigureArguments.NotNull(labels, method, nameof(labels));
        FigureArguments.SameLength(labels.Count, points.RowCount, method, nameof(labels), "the rows of points");
        this.labels = [.. labels];
        CheckLabels(this.labels, method, nameof(labels));
        this.points = points.Clone();
        XLabel = "x1";
        YLabel = "x2";
    }

    /// <summary>Legend names of the classes (entry k names class k); classes without a name show as "class k".</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>
    /// Colours the background by the classifier's prediction on a <paramref name="resolution"/> x
    /// <paramref name="resolution"/> grid over the points' bounding box, widened by <paramref name="margin"/>
    /// of its size on every side.
    /// </summary>
    /// <param name="classifier">
    /// Called once with an m x 2 matrix of grid points (m = resolution^2); must return m non-negative class labels.
    /// </param>
    /// <param name="resolution">Grid cells per side, 2 to 1000.</param>
    /// <param name="margin">Fraction of the data's width and height added on each side, 0 to 1.</param>
    /// <returns>This figure, for chaining.</returns>
    public ScatterPlot2D WithDecisionBoundary(Func<Matrix<double>, int[]> classifier, int resolution = 200, double margin = 0.1)
    {
        const string method = "ScatterPlot2D.WithDecisionBoundary";
        FigureArguments.NotNull(classifier, method, nameof(classifier));
        FigureArguments.InRange(resolution, 2, 1000, method, nameof(resolution));
        if (!(margin >= 0 && margin <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin,
                $"{method}: margin must be between 0 and 1, got {FigureArguments.Format(margin)}");
        }

        var (xMin, xMax) = Widen(points.Column(0).Minimum(), points.Column(0).Maximum(), margin);
        var (yMin, yMax) = Widen(points.Column(1).Minimum(), points.Column(1).Maximum(), margin);
        Matrix<double> centres = Matrix<double>.Build.Dense(resolution * resolution, 2);
        for (int i = 0; i < resolution; i++)
        {
            for (int j = 0; j < resolution; j++)
            {
                centres[(i * resolution) + j, 0] = xMin + ((j + 0.5) * (xMax - xMin) / resolution);
                centres[(i * resolution) + j, 1] = yMin + ((i + 0.5) * (yMax - yMin) / resolution);
            }
        }

        int[] predicted = classifier(centres)
            ?? throw new InvalidOperationException($"{method}: the classifier returned null");
        FigureArguments.SameLength(predicted.Length, centres.RowCount, method, "the classifier's result", "the grid (rows of its input)");
        CheckLabels(predicted, method, "the classifier's result");
        var classes = new int[resolution, resolution];
        for (int i = 0; i < resolution; i++)
        {
            for (int j = 0; j < resolution; j++)
            {
                classes[i, j] = predicted[(i * resolution) + j];
            }
        }

        return WithDecisionBoundary(classes, xMin, xMax, yMin, yMax);
    }

    /// <summary>Colours the background by a precomputed class grid covering the box [xMin, xMax] x [yMin, yMax].</summary>
    /// <param name="classGrid">Cell (i, j) is the class at row i from the bottom and column j from the left; non-negative.</param>
    /// <param name="xMin">Left edge of the grid.</param>
    /// <param name="xMax">Right edge of the grid.</param>
    /// <param name="yMin">Bottom edge of the grid.</param>
    /// <param name="yMax">Top edge of the grid.</param>
    /// <returns>This figure, for chaining.</returns>
    public ScatterPlot2D WithDecisionBoundary(int[,] classGrid, double xMin, double xMax, double yMin, double yMax)
    {
        const string method = "ScatterPlot2D.WithDecisionBoundary";
        FigureArguments.NotNull(classGrid, method, nameof(classGrid));
        if (classGrid.Length == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: classGrid is empty ({classGrid.GetLength(0)}x{classGrid.GetLength(1)})"), nameof(classGrid));
        }

        FigureArguments.Interval(xMin, xMax, method, nameof(xMin), nameof(xMax));
        FigureArguments.Interval(yMin, yMax, method, nameof(yMin), nameof(yMax));
        CheckLabels(classGrid.Cast<int>(), method, nameof(classGrid));
        grid = (int[,])classGrid.Clone();
        box = (xMin, xMax, yMin, yMax);
        return this;
    }

    private protected override void Draw(Plot plot)
    {
        int classCount = labels.Max() + 1;
        if (grid is not null)
        {
            classCount = Math.Max(classCount, grid.Cast<int>().Max() + 1);
            DrawBackground(plot, grid, classCount);
        }

        for (int k = 0; k < classCount; k++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] == k)
                {
                    xs.Add(points[i, 0]);
                    ys.Add(points[i, 1]);
                }
            }

            if (xs.Count == 0)
            {
                continue;
            }

            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 7, ClassColormap.ClassColor(k));
            markers.MarkerLineColor = Colors.Black.WithAlpha(0.6);
            markers.MarkerLineWidth = 0.5f;
            markers.LegendText = ClassNames is not null && k < ClassNames.Count
                ? ClassNames[k]
                : string.Create(CultureInfo.InvariantCulture, $"class {k}");
        }

        if (grid is not null)
        {
            plot.Axes.SetLimits(box.XMin, box.XMax, box.YMin, box.YMax);
        }

        plot.ShowLegend(Alignment.UpperRight);
    }

    private void DrawBackground(Plot plot, int[,] classes, int classCount)
    {
        // ScottPlot 5.1.59 collapses a heat map with one row or column when Rectangle is set, so such a grid
        // is drawn with that row or column repeated (the picture is the same).
        int rows = Math.Max(2, classes.GetLength(0));
        int columns = Math.Max(2, classes.GetLength(1));
        var intensities = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                // ScottPlot draws heat-map row 0 at the top; the grid's row 0 is at the bottom.
                intensities[rows - 1 - i, j] = classes[i % classes.GetLength(0), j % classes.GetLength(1)];
            }
        }

        var colors = new Color[classCount];
        for (int k = 0; k < classCount; k++)
        {
            colors[k] = ClassColormap.ClassColor(k).Lighten(0.6);
        }

        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ClassColormap(colors);
        heatmap.ManualRange = new ScottPlot.Range(-0.5, classCount - 0.5);
        // Rectangle gives the outer edges of the grid's cells (Extent would place the edge cells' centres there).
        heatmap.Rectangle = new CoordinateRect(box.XMin, box.XMax, box.YMin, box.YMax);
    }

    private static (double Min, double Max) Widen(double min, double max, double margin)
    {
        double size = max > min ? max - min : 1.0;
        return (min - (margin * size), max + (margin * size));
    }

    private static void CheckLabels(IEnumerable<int> values, string method, string name)
    {
        int index = 0;
        foreach (int value in values)
        {
            if (value < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{method}: {name} has a negative class label {value} at index {index}; labels must be 0, 1, 2, ..."), name);
            }

            index++;
        }
    }
}
