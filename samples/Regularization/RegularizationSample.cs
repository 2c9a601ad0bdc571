using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.Data;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Plotting;
using MlMath.Regularization;
using ScottPlot;
using Spectre.Console;

namespace MlMath.Samples.Regularization;

/// <summary>
/// The regularization sample. Part 1: a 2-64-64-2 ReLU MLP (about 4 500 parameters) learns 60 noisy two-moons
/// points with no regularization, an L2 penalty, dropout, both, and early stopping: training and validation
/// curves in one PNG and a table of final accuracies. Part 2: an 8-layer sigmoid MLP learns the 8x8 digits with
/// and without batch norm, same optimizer and learning rate: loss against step in a second PNG.
/// Callable from its own program and from the Tour.
/// </summary>
public static class RegularizationSample
{
    private const int Epochs = 1000;
    private const int EvaluateEvery = 20;

    /// <summary>Runs both parts, writing figures into <paramref name="outputFolder"/>; returns the key numbers.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(console);
        Directory.CreateDirectory(outputFolder);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (none, both) = Overfitting(console, outputFolder);
        console.WriteLine($"part 1: {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var (plain, normalized) = BatchNormSpeedUp(console, outputFolder);
        console.WriteLine($"part 2: {clock.Elapsed.TotalSeconds:0.0} s");
        return string.Create(CultureInfo.InvariantCulture,
            $"two moons validation accuracy: none {none:P1}, L2 + dropout {both:P1}; deep sigmoid net loss after {Steps} steps: {plain:0.000} without batch norm, {normalized:0.000} with");
    }

    private sealed record Config(string Name, double Lambda, double DropoutP, bool EarlyStop = false);

    private sealed record Outcome(Config Config, double[] Epochs, double[] TrainLoss, double[] ValidationLoss,
        double TrainAccuracy, double ValidationAccuracy, double TestAccuracy, int StoppedEpoch);

    private static (double None, double Both) Overfitting(IAnsiConsole console, string outputFolder)
    {
        var train = DataGenerators.TwoMoons(60, 0.3, new Random(10));
        var validation = DataGenerators.TwoMoons(1000, 0.3, new Random(11));
        var test = DataGenerators.TwoMoons(1000, 0.3, new Random(12));
        Config[] configs =
        [
            new("none", 0.0, 0.0),
            new("L2 (lambda 3e-3)", 3e-3, 0.0),
            new("dropout (p 0.5)", 0.0, 0.5),
            new("L2 + dropout", 3e-3, 0.5),
            new("early stopping", 0.0, 0.0, EarlyStop: true),
        ];

        var outcomes = new List<Outcome>();
        console.Progress().Start(context =>
        {
            foreach (var config in configs)
            {
                var task = context.AddTask(Markup.Escape(config.Name), maxValue: Epochs);
                outcomes.Add(TrainMoons(config, train, validation, test, epoch => task.Value = epoch));
                task.Value = Epochs;
            }
        });

        var table = new Table().AddColumns("regularization", "epochs", "train accuracy", "validation accuracy", "final validation loss", "test accuracy");
        foreach (var o in outcomes)
        {
            table.AddRow(Markup.Escape(o.Config.Name), o.StoppedEpoch.ToString(CultureInfo.InvariantCulture), Percent(o.TrainAccuracy),
                Percent(o.ValidationAccuracy), o.ValidationLoss[^1].ToString("0.000", CultureInfo.InvariantCulture), Percent(o.TestAccuracy));
        }

        console.Write(table);
        console.WriteLine("Two moons: 60 training points (noise 0.3), 1000 validation and 1000 test points; a 2-64-64-2 ReLU MLP, full-batch Adam.");
        SaveMoonCurves(outcomes.Where(o => !o.Config.EarlyStop).ToList(), Path.Combine(outputFolder, "reg-two-moons-curves.png"));
        return (outcomes[0].ValidationAccuracy, outcomes[3].ValidationAccuracy);
    }

    /// <summary>
    /// Full-batch Adam on softmax cross-entropy (+ the L2 penalty on the weight matrices); every 10 epochs the
    /// training and validation losses are measured in evaluation mode (no dropout), so the curves compare like
    /// with like. Same initial weights for every configuration.
    /// </summary>
    private static Outcome TrainMoons(Config config, Dataset train, Dataset validation, Dataset test, Action<int> progress)
    {
        var init = new Random(20);
        var dropoutRandom = new Random(21);
        var first = new Linear(2, 64, init);
        var second = new Linear(64, 64, init);
        var model = new Sequential(first, new Activation(ActivationKind.Relu));
        if (config.DropoutP > 0) model.Add(new Dropout(config.DropoutP, dropoutRandom));
        model.Add(second);
        model.Add(new Activation(ActivationKind.Relu));
        if (config.DropoutP > 0) model.Add(new Dropout(config.DropoutP, dropoutRandom));
        var last = new Linear(64, 2, init);
        model.Add(last);
        Parameter[] weights = [first.Weight, second.Weight, last.Weight];

        var optimizer = new Adam(model.Parameters(), 0.005);
        var stopping = config.EarlyStop ? new EarlyStopping(model, patience: 10) : null;
        List<double> epochs = [], trainLoss = [], validationLoss = [];
        var epoch = 0;
        while (epoch < Epochs)
        {
            epoch++;
            model.Train();
            optimizer.ZeroGrad();
            var loss = Losses.SoftmaxCrossEntropy(model.Forward(train.Features), train.Labels!);
            if (config.Lambda > 0) loss += Penalties.L2(weights, config.Lambda);
            loss.Backward();
            optimizer.Step();
            if (epoch % EvaluateEvery != 0) continue;

            progress(epoch);
            epochs.Add(epoch);
            trainLoss.Add(Loss(model, train));
            validationLoss.Add(Loss(model, validation));
            if (stopping is not null && stopping.Report(validationLoss[^1])) break;
        }

        if (stopping is not null)
        {
            stopping.RestoreBest();
            validationLoss.Add(Loss(model, validation));
        }

        return new Outcome(config, [.. epochs], [.. trainLoss], [.. validationLoss], Accuracy(model, train), Accuracy(model, validation),
            Accuracy(model, test), stopping is null ? epoch : stopping.BestEpoch * EvaluateEvery);
    }

    /// <summary>One colour per configuration; training loss dashed, validation loss solid; log scale.</summary>
    private static void SaveMoonCurves(IReadOnlyList<Outcome> outcomes, string path)
    {
        var figure = new TrainingCurves { Title = "60 noisy two-moons points: training (dashed) and validation (solid) loss", LogScaleY = true };
        foreach (var o in outcomes)
        {
            figure.Add(o.Config.Name + " train", o.Epochs, o.TrainLoss);
            figure.Add(o.Config.Name + " validation", o.Epochs, o.ValidationLoss);
        }

        using var plot = figure.CreatePlot();
        var palette = new ScottPlot.Palettes.Category10();
        var lines = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        for (var k = 0; k < lines.Count; k++)
        {
            lines[k].Color = palette.GetColor(k / 2);
            lines[k].LinePattern = k % 2 == 0 ? LinePattern.Dashed : LinePattern.Solid;
        }

        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1100, 600);
    }

    private const int Steps = 300;

    /// <summary>
    /// An 8-layer sigmoid MLP (64-32-...-32-10) on the standardised digits, mini-batch SGD with momentum 0.9 and
    /// learning rate 0.1 for both networks; the batch-norm one has Linear - BatchNorm - Sigmoid blocks.
    /// </summary>
    private static (double Plain, double Normalized) BatchNormSpeedUp(IAnsiConsole console, string outputFolder)
    {
        var digits = BuiltInDatasets.Digits();
        var split = digits.StratifiedSplit(0.7, 0.0, new Random(30));
        var scaler = Standardizer.Fit(split.Train);
        var (train, test) = (scaler.Transform(split.Train), scaler.Transform(split.Test));

        double[] plain = [], normalized = [];
        double plainAccuracy = 0, normalizedAccuracy = 0;
        console.Progress().Start(context =>
        {
            foreach (var withBatchNorm in new[] { false, true })
            {
                var task = context.AddTask(withBatchNorm ? "8 sigmoid layers + batch norm" : "8 sigmoid layers", maxValue: Steps);
                var model = DeepSigmoidNet(withBatchNorm, new Random(31));
                var losses = TrainSteps(model, train, new Random(32), step => task.Value = step);
                var accuracy = Accuracy(model, test);
                if (withBatchNorm) (normalized, normalizedAccuracy) = (losses, accuracy);
                else (plain, plainAccuracy) = (losses, accuracy);
            }
        });

        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Deep sigmoid MLP on digits, {Steps} SGD steps: mean loss of the last 20 steps {Tail(plain):0.000} without batch norm (test accuracy {plainAccuracy:P1}), {Tail(normalized):0.000} with (test accuracy {normalizedAccuracy:P1})."));
        console.WriteLine($"Steps until the 20-step average loss first drops below 0.5: without batch norm {StepsBelow(plain, 0.5)}, with {StepsBelow(normalized, 0.5)}.");
        new TrainingCurves { Title = "8-layer sigmoid MLP on the digits: training loss per SGD step", XLabel = "step", LogScaleY = true }
            .Add("without batch norm", plain)
            .Add("with batch norm", normalized)
            .SavePng(Path.Combine(outputFolder, "reg-batchnorm-speedup.png"), 800, 500);
        return (Tail(plain), Tail(normalized));
    }

    private static Sequential DeepSigmoidNet(bool withBatchNorm, Random random)
    {
        int[] sizes = [64, 32, 32, 32, 32, 32, 32, 32, 10];
        var model = new Sequential();
        for (var i = 0; i + 1 < sizes.Length; i++)
        {
            model.Add(new Linear(sizes[i], sizes[i + 1], random));
            if (i + 2 == sizes.Length) break;
            if (withBatchNorm) model.Add(new BatchNorm(sizes[i + 1]));
            model.Add(new Activation(ActivationKind.Sigmoid));
        }

        return model;
    }

    private static double[] TrainSteps(Module model, Dataset train, Random random, Action<int> progress)
    {
        var optimizer = new Sgd(model.Parameters(), 0.1, momentum: 0.9);
        var losses = new List<double>(Steps);
        model.Train();
        while (losses.Count < Steps)
        {
            foreach (var batch in train.Batches(64, random, dropLast: true))
            {
                optimizer.ZeroGrad();
                var loss = Losses.SoftmaxCrossEntropy(model.Forward(batch.Features), batch.Labels!);
                loss.Backward();
                optimizer.Step();
                losses.Add(loss.Item);
                progress(losses.Count);
                if (losses.Count == Steps) break;
            }
        }

        return [.. losses];
    }

    private static double Tail(double[] losses) => losses[^20..].Average();

    private static string StepsBelow(double[] losses, double level)
    {
        for (var t = 20; t <= losses.Length; t++)
        {
            if (losses[(t - 20)..t].Average() < level) return t.ToString(CultureInfo.InvariantCulture);
        }

        return $"more than {losses.Length}";
    }

    private static double Loss(Module model, Dataset data)
    {
        using var noGrad = GradMode.NoGrad();
        model.Eval();
        var loss = Losses.SoftmaxCrossEntropy(model.Forward(data.Features), data.Labels!).Item;
        model.Train();
        return loss;
    }

    private static double Accuracy(Module model, Dataset data)
    {
        using var noGrad = GradMode.NoGrad();
        model.Eval();
        var predicted = Metrics.ArgMaxPerRow(model.Forward(data.Features).Value);
        model.Train();
        return Metrics.Accuracy(predicted, data.Labels!);
    }

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
}
