using System.Globalization;
using MlMath.Autodiff;
using MlMath.Data;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Plotting;
using Spectre.Console;

namespace MlMath.Samples.NeuralNetworks;

/// <summary>
/// The modules sample: a 2-16-2 tanh MLP learns two moons with Adam and softmax cross-entropy (loss curve
/// and decision boundary as PNGs), then a 64-64-10 MLP learns the 8x8 digits (confusion matrix as a heat map).
/// Callable from its own program and from the Tour.
/// </summary>
public static class NeuralNetworksSample
{
    /// <summary>Runs the sample, writing figures into <paramref name="outputFolder"/>; returns the key number.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var moons = TwoMoons(console, outputFolder);
        var digits = Digits(console, outputFolder);
        return $"test accuracy: two moons {moons:P1}, digits {digits:P1}";
    }

    private static double TwoMoons(IAnsiConsole console, string outputFolder)
    {
        var data = DataGenerators.TwoMoons(1000, 0.2, new Random(0));
        var split = data.StratifiedSplit(0.7, 0.0, new Random(1));
        var random = new Random(2);
        var model = Mlp.Create([2, 16, 2], ActivationKind.Tanh, random);
        var history = Train(console, "two moons (2-16-2)", model, split.Train, epochs: 100, learningRate: 0.01, random);
        var accuracy = Accuracy(model, split.Test);
        console.MarkupLine($"Two moons: {model.ParameterCount()} parameters, test accuracy [bold]{accuracy:P1}[/] (the Bayes-optimal rate at noise 0.2 is about 97%).");

        new TrainingCurves { Title = "Two moons: training loss (softmax cross-entropy)", LogScaleY = true }
            .Add("train", history.Losses)
            .SavePng(Path.Combine(outputFolder, "nn-two-moons-loss.png"), 800, 500);
        new ScatterPlot2D(split.Test.Features, split.Test.Labels!) { Title = "Two moons: test points and the MLP's decision regions", ClassNames = ["upper moon", "lower moon"] }
            .WithDecisionBoundary(points => Predict(model, points))
            .SavePng(Path.Combine(outputFolder, "nn-two-moons-boundary.png"), 800, 600);
        return accuracy;
    }

    private static double Digits(IAnsiConsole console, string outputFolder)
    {
        var digits = BuiltInDatasets.Digits();
        var split = digits.StratifiedSplit(0.7, 0.0, new Random(3));
        var scaler = Standardizer.Fit(split.Train);
        var (train, test) = (scaler.Transform(split.Train), scaler.Transform(split.Test));
        var random = new Random(4);
        var model = Mlp.Create([64, 64, 10], ActivationKind.Tanh, random);
        Train(console, "digits (64-64-10)", model, train, epochs: 30, learningRate: 0.003, random);
        var predicted = Predict(model, test.Features);
        var accuracy = Metrics.Accuracy(predicted, test.Labels!);
        console.MarkupLine($"Digits: {model.ParameterCount()} parameters, test accuracy [bold]{accuracy:P1}[/] on {test.Count} images.");

        var confusion = Metrics.ConfusionMatrix(predicted, test.Labels!, 10);
        var labels = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();
        new HeatMap(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(10, 10, (i, j) => confusion[i, j]))
        {
            Title = "Digits: confusion matrix on the test split",
            XLabel = "predicted digit",
            YLabel = "true digit",
            ShowValues = true,
            ValueFormat = "0",
            RowLabels = labels,
            ColumnLabels = labels,
        }.SavePng(Path.Combine(outputFolder, "nn-digits-confusion.png"), 700, 600);
        return accuracy;
    }

    /// <summary>Mini-batch Adam on softmax cross-entropy, with a progress bar over epochs.</summary>
    private static TrainingHistory Train(IAnsiConsole console, string name, Module model, Dataset train, int epochs,
        double learningRate, Random random)
    {
        var optimizer = new Adam(model.Parameters(), learningRate);
        double Epoch(int epoch)
        {
            var total = 0.0;
            var batches = 0;
            foreach (var batch in train.Batches(32, random))
            {
                optimizer.ZeroGrad();
                var loss = Losses.SoftmaxCrossEntropy(model.Forward(batch.Features), batch.Labels!);
                loss.Backward();
                optimizer.Step();
                total += loss.Item;
                batches++;
            }

            return total / batches;
        }

        TrainingHistory history = null!;
        console.Progress().Start(context =>
        {
            var task = context.AddTask(Markup.Escape(name), maxValue: epochs);
            history = TrainingLoop.Run(epochs, Epoch, new InlineProgress(p => task.Value = p.Epoch));
        });
        console.WriteLine($"{name}: {epochs} epochs done, final training loss {history.Losses[^1]:0.0000}");
        return history;
    }

    private static int[] Predict(Module model, MathNet.Numerics.LinearAlgebra.Matrix<double> features)
    {
        using var noGrad = GradMode.NoGrad();
        return Metrics.ArgMaxPerRow(model.Forward(features).Value);
    }

    private static double Accuracy(Module model, Dataset data) => Metrics.Accuracy(Predict(model, data.Features), data.Labels!);

    /// <summary>Reports on the calling thread, so the progress bar moves as epochs finish.</summary>
    private sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
