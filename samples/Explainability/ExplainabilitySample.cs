using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.Data;
using MlMath.Explainability;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Plotting;
using Spectre.Console;
using BarChart = MlMath.Plotting.BarChart;

namespace MlMath.Samples.Explainability;

/// <summary>
/// The explainability sample: (1) a 64-32-10 MLP on the 8x8 digits, with saliency, SmoothGrad and integrated-gradients
/// maps of its predicted class beside the digits (one PNG of heat maps); (2) an MLP on Iris, with permutation
/// importance and exact Shapley values (checked against Kernel SHAP) as bar charts. Callable from the Tour.
/// </summary>
public static class ExplainabilitySample
{
    private static readonly string[] IrisFeatures = ["sepal length", "sepal width", "petal length", "petal width"];

    /// <summary>Runs the sample, writing figures into <paramref name="outputFolder"/>; returns the key numbers.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var (digitsAccuracy, gap) = Digits(console, outputFolder);
        var (irisAccuracy, top) = Iris(console, outputFolder);
        return string.Create(CultureInfo.InvariantCulture,
            $"digits {digitsAccuracy:P1}, IG completeness gap {gap:0.0e0}; Iris {irisAccuracy:P1}, most important: {top}");
    }

    private static (double Accuracy, double Gap) Digits(IAnsiConsole console, string outputFolder)
    {
        var split = BuiltInDatasets.Digits().StratifiedSplit(0.7, 0.0, new Random(3));
        var scaler = Standardizer.Fit(split.Train);
        var (train, test) = (scaler.Transform(split.Train), scaler.Transform(split.Test));
        var model = Mlp.Create([64, 32, 10], ActivationKind.Tanh, new Random(4));
        Train(model, train, epochs: 25, learningRate: 0.003, new Random(5));
        model.Eval();
        var accuracy = Metrics.Accuracy(Predict(model, test.Features), test.Labels!);
        console.MarkupLine($"Digits: 64-32-10 MLP, test accuracy [bold]{accuracy:P1}[/].");

        // One test image of each of six digits; explain the predicted class's logit. The IG baseline is a blank
        // (all-zero intensity) image, standardized like the inputs.
        int[] shown = [0, 1, 3, 4, 7, 9];
        var baseline = scaler.Transform(Matrix<double>.Build.Dense(1, 64));
        var tiles = new List<Matrix<double>[]>();
        var rowNames = new List<string>();
        var maxGap = 0.0;
        Func<Variable, Variable> f = model.Forward;
        foreach (var digit in shown)
        {
            var index = Enumerable.Range(0, test.Count).First(i => test.Labels![i] == digit);
            var x = test.Features.SubMatrix(index, 1, 0, 64);
            var predicted = Predict(model, x)[0];
            var saliency = GradientAttributions.Saliency(f, x, predicted, absolute: true);
            var smooth = GradientAttributions.SmoothGrad(f, x, predicted, noiseLevel: 0.15, sampleCount: 50, new Random(6), absolute: true);
            var ig = IntegratedGradients.Compute(f, x, predicted, baseline, steps: 64);
            maxGap = Math.Max(maxGap, ig.MaxAbsoluteGap);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  digit {digit} -> predicted {predicted}: f(x) - f(blank) = {ig.OutputAtInput[0] - ig.OutputAtBaseline[0],7:0.000}, sum IG = {ig.Attributions.RowSums()[0],7:0.000}, gap {ig.CompletenessGap[0]:0.0e0}"));
            tiles.Add([split.Test.Features.SubMatrix(index, 1, 0, 64), saliency, smooth, ig.Attributions.PointwiseAbs()]);
            rowNames.Add(string.Create(CultureInfo.InvariantCulture, $"{digit} (pred. {predicted})"));
        }

        Mosaic(tiles, rowNames, ["digit", "|saliency|", "|SmoothGrad|", "|integrated gradients|"],
            "Digits: what the MLP's predicted-class logit is sensitive to (each map scaled to [0, 1])")
            .SavePng(Path.Combine(outputFolder, "xai-digits-saliency.png"), 900, 1100);
        console.MarkupLine($"Integrated gradients (64 midpoint steps): largest completeness gap {maxGap:0.0e0}.");
        return (accuracy, maxGap);
    }

    private static (double Accuracy, string Top) Iris(IAnsiConsole console, string outputFolder)
    {
        var split = BuiltInDatasets.Iris().StratifiedSplit(0.7, 0.0, new Random(7));
        var scaler = Standardizer.Fit(split.Train);
        var (train, test) = (scaler.Transform(split.Train), scaler.Transform(split.Test));
        var model = Mlp.Create([4, 16, 3], ActivationKind.Tanh, new Random(8));
        Train(model, train, epochs: 100, learningRate: 0.01, new Random(9));
        model.Eval();
        var accuracy = Metrics.Accuracy(Predict(model, test.Features), test.Labels!);
        console.MarkupLine($"Iris: 4-16-3 MLP, test accuracy [bold]{accuracy:P1}[/].");

        // Permutation importance of each feature for test accuracy, 20 shuffles each.
        Vector<double> PredictedClass(Matrix<double> x) => Vector<double>.Build.DenseOfEnumerable(Predict(model, x).Select(c => (double)c));
        static double Accuracy(Vector<double> y, Vector<double> p) => y.Select((v, i) => v == p[i] ? 1.0 : 0.0).Average();
        var labels = Vector<double>.Build.DenseOfEnumerable(test.Labels!.Select(c => (double)c));
        var importance = PermutationImportance.Compute(PredictedClass, test.Features, labels, Accuracy, higherIsBetter: true, repeats: 20, new Random(10));
        new BarChart(IrisFeatures, importance.Importances.ToArray())
        {
            Title = "Iris: permutation importance (drop in test accuracy, mean ± sd of 20 shuffles)",
            XLabel = "accuracy drop",
            Errors = importance.StandardDeviations.ToArray(),
        }.SavePng(Path.Combine(outputFolder, "xai-iris-permutation.png"), 900, 450);

        // Exact Shapley values of P(virginica) for one test flower, against 40 training rows as background.
        Vector<double> Virginica(Matrix<double> x)
        {
            using var noGrad = GradMode.NoGrad();
            return model.Forward(x).SoftmaxRows().Value.Column(2);
        }

        var background = train.Features.SubMatrix(0, 40, 0, 4);
        var flower = Enumerable.Range(0, test.Count).First(i => test.Labels![i] == 2);
        var x = test.Features.Row(flower);
        var exact = ShapleyValues.Exact(Virginica, x, background);
        var kernel = KernelShap.Explain(Virginica, x, background, sampleCount: 10, new Random(11));
        new BarChart(IrisFeatures, exact.Values.ToArray())
        {
            Title = string.Create(CultureInfo.InvariantCulture,
                $"Iris: Shapley values of P(virginica) for one test flower ({exact.BaseValue:0.00} on average -> {exact.Prediction:0.00})"),
            XLabel = "contribution to P(virginica)",
            ColorBySign = true,
        }.SavePng(Path.Combine(outputFolder, "xai-iris-shapley.png"), 900, 450);

        var table = new Table().AddColumns("feature", "permutation importance", "Shapley (exact)", "Kernel SHAP (10 coalitions)");
        for (var j = 0; j < 4; j++)
        {
            table.AddRow(IrisFeatures[j],
                string.Create(CultureInfo.InvariantCulture, $"{importance.Importances[j]:0.000} ± {importance.StandardDeviations[j]:0.000}"),
                exact.Values[j].ToString("0.0000", CultureInfo.InvariantCulture), kernel.Values[j].ToString("0.0000", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Shapley efficiency: sum phi = {exact.Values.Sum():0.0000} = f(x) - E f = {exact.Prediction - exact.BaseValue:0.0000}; Kernel SHAP max difference {(kernel.Values - exact.Values).AbsoluteMaximum():0.0e0}."));
        return (accuracy, IrisFeatures[importance.Ranking()[0]]);
    }

    /// <summary>A grid of 8x8 tiles (rows: examples, columns: maps), each scaled to [0, 1], one blank cell between tiles.</summary>
    private static HeatMap Mosaic(List<Matrix<double>[]> tiles, List<string> rowNames, string[] columnNames, string title)
    {
        const int size = 8, stride = size + 1;
        var (rows, columns) = (tiles.Count, columnNames.Length);
        var image = Matrix<double>.Build.Dense((rows * stride) - 1, (columns * stride) - 1);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var tile = tiles[r][c];
                var (min, max) = (tile.Enumerate().Min(), tile.Enumerate().Max());
                for (var p = 0; p < 64; p++) image[(r * stride) + (p / size), (c * stride) + (p % size)] = max > min ? (tile[0, p] - min) / (max - min) : 0;
            }
        }

        var rowLabels = Enumerable.Range(0, image.RowCount).Select(i => i % stride == 3 ? rowNames[i / stride] : string.Empty).ToArray();
        var columnLabels = Enumerable.Range(0, image.ColumnCount).Select(j => j % stride == 3 ? columnNames[j / stride] : string.Empty).ToArray();
        return new HeatMap(image) { Title = title, XLabel = string.Empty, YLabel = string.Empty, RowLabels = rowLabels, ColumnLabels = columnLabels, ColorBarLabel = "relative attribution" };
    }

    private static void Train(Module model, Dataset train, int epochs, double learningRate, Random random)
    {
        var optimizer = new Adam(model.Parameters(), learningRate);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            foreach (var batch in train.Batches(32, random))
            {
                optimizer.ZeroGrad();
                Losses.SoftmaxCrossEntropy(model.Forward(batch.Features), batch.Labels!).Backward();
                optimizer.Step();
            }
        }
    }

    private static int[] Predict(Module model, Matrix<double> features)
    {
        using var noGrad = GradMode.NoGrad();
        return Metrics.ArgMaxPerRow(model.Forward(features).Value);
    }
}
