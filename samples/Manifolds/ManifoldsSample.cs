using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Data;
using MlMath.Manifolds;
using MlMath.Plotting;
using ScottPlot;
using Spectre.Console;

namespace MlMath.Samples.Manifolds;

/// <summary>
/// The manifold-learning sample: a noisy swiss roll (1000 points) in 3-D coloured by its roll parameter t,
/// next to its 2-D embeddings by PCA, classical MDS, kernel PCA, Isomap, LLE, Laplacian eigenmaps and t-SNE,
/// each titled with its trustworthiness (k = 10); then the 8x8 digits embedded by PCA and by t-SNE.
/// Callable from its own program and from the Tour.
/// </summary>
public static class ManifoldsSample
{
    /// <summary>Runs the sample, writing figures into <paramref name="outputFolder"/>; returns the key numbers.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var isomapTrust = SwissRoll(console, outputFolder);
        var (pcaTrust, tsneTrust) = Digits(console, outputFolder);
        return string.Create(CultureInfo.InvariantCulture,
            $"trustworthiness (k = 10): swiss roll Isomap {isomapTrust:F4}; digits PCA {pcaTrust:F3}, t-SNE {tsneTrust:F3}");
    }

    /// <summary>t-SNE iterations in this sample: 500 instead of 1000 keep the whole sample near 20 s in a Debug build; the embedding has settled by then.</summary>
    private const int TourIterations = 500;

    private sealed record Method(string Name, Func<Matrix<double>, IProgress<double>, Matrix<double>> Embed);

    private static double SwissRoll(IAnsiConsole console, string outputFolder)
    {
        var roll = ManifoldGenerators.SwissRoll(1000, 0.05, new Random(0));
        var x = roll.Points;
        Method[] methods =
        [
            new("PCA", (p, _) => Pca.Fit(p, 2).Transform(p)),
            new("classical MDS", (p, _) => ClassicalMds.Embed(Euclidean(p), 2).Coordinates),
            new("kernel PCA (RBF)", (p, _) => KernelPca.Fit(p, new RbfKernel(gamma: 0.01), 2).TrainingCoordinates),
            new("Isomap (k = 10)", (p, progress) => new Isomap(neighbors: 10).FitTransform(p, progress).Coordinates),
            new("LLE (k = 12)", (p, _) => new LocallyLinearEmbedding(neighbors: 12).FitTransform(p).Coordinates),
            new("Laplacian eigenmaps (k = 10)", (p, _) => new LaplacianEigenmaps(neighbors: 10).FitTransform(p).Coordinates),
            new("t-SNE (perplexity 30)", (p, progress) => new Tsne { Perplexity = 30, Iterations = TourIterations }
                .FitTransform(p, new Random(1), new Progress<TsneProgress>(s => progress.Report((double)s.Iteration / s.TotalIterations))).Coordinates),
        ];

        var results = new List<(string Name, Matrix<double> Y, double Trust, double Seconds)>();
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                foreach (var method in methods)
                {
                    var task = context.AddTask(method.Name, maxValue: 1.0);
                    var watch = Stopwatch.StartNew();
                    var y = method.Embed(x, new Progress<double>(f => task.Value = f));
                    watch.Stop();
                    task.Value = 1.0;
                    results.Add((method.Name, y, EmbeddingQuality.Trustworthiness(x, y, 10), watch.Elapsed.TotalSeconds));
                }
            });

        var table = new Spectre.Console.Table().AddColumns("method", "trustworthiness (k = 10)", "|corr(axis 1, t)|", "seconds");
        foreach (var (name, y, trust, seconds) in results)
        {
            var correlation = Math.Abs(MathNet.Numerics.Statistics.Correlation.Pearson(y.Column(0), roll.Intrinsic.Column(0)));
            table.AddRow(name, trust.ToString("F4", CultureInfo.InvariantCulture), correlation.ToString("F3", CultureInfo.InvariantCulture), seconds.ToString("F2", CultureInfo.InvariantCulture));
        }

        console.MarkupLine("[bold]Swiss roll[/] (1000 points, noise 0.05): the 2-D embeddings");
        console.Write(table);
        console.MarkupLine("Completed: swiss roll embedded by 7 methods.");

        var t = roll.Intrinsic.Column(0);
        var panels = new List<Plot> { ColouredScatter(Oblique(x), t, "swiss roll in 3-D (colour: roll parameter t)") };
        panels.AddRange(results.Select(r => ColouredScatter(r.Y, t, string.Create(CultureInfo.InvariantCulture, $"{r.Name}: T = {r.Trust:F4}"))));
        SaveGrid(panels, 2, 4, Path.Combine(outputFolder, "manifolds-swiss-roll.png"), 1800, 900);
        return results.Single(r => r.Name.StartsWith("Isomap", StringComparison.Ordinal)).Trust;
    }

    private static (double Pca, double Tsne) Digits(IAnsiConsole console, string outputFolder)
    {
        // Every second image (899 of 1797) keeps the t-SNE run short enough for the Tour.
        var digits = BuiltInDatasets.Digits();
        var rows = Enumerable.Range(0, digits.Count).Where(i => i % 2 == 0).ToArray();
        var x = DenseMatrix.Create(rows.Length, digits.Features.ColumnCount, (i, j) => digits.Features[rows[i], j]);
        var labels = rows.Select(i => digits.Labels![i]).ToArray();
        var pca = Pca.Fit(x, 2);
        var yPca = pca.Transform(x);
        TsneResult? tsne = null;
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("t-SNE on the digits", maxValue: 1.0);
                tsne = new Tsne { Perplexity = 30, Iterations = TourIterations }.FitTransform(x, new Random(2),
                    new Progress<TsneProgress>(s => task.Value = (double)s.Iteration / s.TotalIterations));
                task.Value = 1.0;
            });

        var trustPca = EmbeddingQuality.Trustworthiness(x, yPca, 10);
        var trustTsne = EmbeddingQuality.Trustworthiness(x, tsne!.Coordinates, 10);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]Digits[/] ({x.RowCount} images, 64 pixels): PCA keeps {pca.ExplainedVarianceRatio.Sum():P1} of the variance, trustworthiness {trustPca:F3}; t-SNE trustworthiness {trustTsne:F3}, KL divergence {tsne.KlDivergence:F3}."));
        console.MarkupLine("Completed: digits embedded by PCA and t-SNE.");

        var names = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();
        var left = new ScatterPlot2D(yPca, labels) { Title = string.Create(CultureInfo.InvariantCulture, $"Digits by PCA: T = {trustPca:F3}"), ClassNames = names, XLabel = "PC 1", YLabel = "PC 2" }.CreatePlot();
        var right = new ScatterPlot2D(tsne.Coordinates, labels) { Title = string.Create(CultureInfo.InvariantCulture, $"Digits by t-SNE: T = {trustTsne:F3}"), ClassNames = names, XLabel = "t-SNE 1", YLabel = "t-SNE 2" }.CreatePlot();
        SaveGrid([left, right], 1, 2, Path.Combine(outputFolder, "manifolds-digits.png"), 1600, 700);
        return (trustPca, trustTsne);
    }

    /// <summary>The n x n Euclidean distances between the rows of an n x 3 matrix.</summary>
    private static Matrix<double> Euclidean(Matrix<double> x)
    {
        var n = x.RowCount;
        var p = x.ToRowArrays();
        var d = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                double a = p[i][0] - p[j][0], b = p[i][1] - p[j][1], c = p[i][2] - p[j][2];
                d[j * n + i] = Math.Sqrt(a * a + b * b + c * c);
            }
        }

        return new DenseMatrix(n, n, d);
    }

    /// <summary>An oblique parallel projection of the 3-D roll (the roll's axis is y): u = x + 0.45 y, v = z + 0.25 y.</summary>
    private static Matrix<double> Oblique(Matrix<double> x) =>
        DenseMatrix.Create(x.RowCount, 2, (i, j) => j == 0 ? x[i, 0] + 0.45 * x[i, 1] : x[i, 2] + 0.25 * x[i, 1]);

    /// <summary>A scatter plot with each point coloured by a value (Turbo colour map, 24 bins).</summary>
    private static Plot ColouredScatter(Matrix<double> y, Vector<double> value, string title)
    {
        PlotFonts.EnsureRegistered();
        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Turbo();
        const int bins = 24;
        double min = value.Minimum(), max = value.Maximum();
        for (var b = 0; b < bins; b++)
        {
            var members = Enumerable.Range(0, y.RowCount).Where(i => Math.Min(bins - 1, (int)((value[i] - min) / (max - min) * bins)) == b).ToArray();
            if (members.Length == 0) continue;
            plot.Add.Markers(members.Select(i => y[i, 0]).ToArray(), members.Select(i => y[i, 1]).ToArray(),
                MarkerShape.FilledCircle, 4, colormap.GetColor((b + 0.5) / bins));
        }

        plot.Title(title);
        plot.Font.Set(PlotFonts.FamilyName);
        return plot;
    }

    private static void SaveGrid(IReadOnlyList<Plot> plots, int rows, int columns, string path, int width, int height)
    {
        var multiplot = new Multiplot(plots[0]); // a new Multiplot starts with one plot: this one
        foreach (var plot in plots.Skip(1)) multiplot.AddPlot(plot);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        multiplot.SavePng(path, width, height);
        foreach (var plot in plots) plot.Dispose();
    }
}
