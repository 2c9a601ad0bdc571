using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.Data;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Plotting;
using Spectre.Console;

namespace MlMath.Samples.TransferLearning;

/// <summary>
/// The transfer-learning sample: a 64-128-5 MLP pretrained on digits 0-4 gives its body (the hidden layer) to
/// a model for digits 5-9 that sees only k examples per class. Three ways to learn the new task are compared over
/// k = 1, 2, 5, 10, 20: a new head on the frozen body, fine-tuning everything with a 10x smaller rate for the body
/// (parameter groups), a new head on a frozen random (never trained) body as a control, and the same network
/// trained from scratch. Accuracy vs k as a plot and a table.
/// </summary>
public static class TransferLearningSample
{
    private static readonly int[] ExamplesPerClass = [1, 2, 5, 10, 20];
    private const int Seeds = 3;

    /// <summary>64 pixels, one wide tanh hidden layer (the body: layers 0-1), 5 classes (the head: layer 2).</summary>
    private static readonly int[] Sizes = [64, 128, 5];

    private const int BodyLayers = 2;

    /// <summary>Runs the sample, writing figures into <paramref name="outputFolder"/>; returns the key numbers.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var digits = BuiltInDatasets.Digits();
        var (source, target) = (Digits(digits, 0), Digits(digits, 5));
        var scaler = Standardizer.Fit(source);
        (source, target) = (scaler.Transform(source), scaler.Transform(target));
        var targetSplit = target.StratifiedSplit(0.5, 0.0, new Random(1));
        var (pool, test) = (targetSplit.Train, targetSplit.Test);

        // 1. Pretrain on digits 0-4 and save a checkpoint.
        var pretrained = Mlp.Create(Sizes, ActivationKind.Tanh, new Random(2));
        var sourceSplit = source.StratifiedSplit(0.8, 0.0, new Random(3));
        TrainMiniBatch(pretrained, sourceSplit.Train, epochs: 10, new Random(4));
        var checkpoint = Path.Combine(outputFolder, "digits-0-4.safetensors");
        pretrained.Save(checkpoint);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Pretrained on digits 0-4: {Accuracy(pretrained, sourceSplit.Test):P1} test accuracy; checkpoint [grey]{Path.GetFileName(checkpoint)}[/]."));

        // 2. For each k, average over a few random draws of the k examples per class.
        var results = new Dictionary<string, double[]> { ["frozen body + new head"] = new double[ExamplesPerClass.Length], ["fine-tuned (body rate x0.1)"] = new double[ExamplesPerClass.Length], ["frozen random body + new head"] = new double[ExamplesPerClass.Length], ["from scratch"] = new double[ExamplesPerClass.Length] };
        var bodyUnchanged = true;
        for (var a = 0; a < ExamplesPerClass.Length; a++)
        {
            for (var seed = 0; seed < Seeds; seed++)
            {
                var few = FewShot(pool, ExamplesPerClass[a], new Random(100 + seed));
                var frozen = FromCheckpoint(checkpoint, seed);
                var body = new Sequential([.. frozen.Layers.Take(BodyLayers)]);
                body.Freeze();
                var before = Bits(body);
                TrainFullBatch(frozen, new Adam(frozen.Parameters(), 0.01), few);
                bodyUnchanged &= Bits(body).SequenceEqual(before);
                results["frozen body + new head"][a] += Accuracy(frozen, test) / Seeds;

                var tuned = FromCheckpoint(checkpoint, seed);
                var groups = new[] { new ParameterGroup([.. tuned.Layers.Take(BodyLayers).SelectMany(l => l.Parameters())], 0.1), new ParameterGroup(tuned.Layers[BodyLayers].Parameters()) };
                TrainFullBatch(tuned, new Adam(groups, 0.01), few);
                results["fine-tuned (body rate x0.1)"][a] += Accuracy(tuned, test) / Seeds;

                // Control: the same recipe on a body that was never trained, to see what the pretrained weights add.
                var random = Mlp.Create(Sizes, ActivationKind.Tanh, new Random(300 + seed));
                foreach (var layer in random.Layers.Take(BodyLayers)) layer.Freeze();
                TrainFullBatch(random, new Adam(random.Parameters(), 0.01), few);
                results["frozen random body + new head"][a] += Accuracy(random, test) / Seeds;

                var scratch = Mlp.Create(Sizes, ActivationKind.Tanh, new Random(200 + seed));
                TrainFullBatch(scratch, new Adam(scratch.Parameters(), 0.01), few);
                results["from scratch"][a] += Accuracy(scratch, test) / Seeds;
            }
        }

        var table = new Table().AddColumn("examples per class");
        foreach (var name in results.Keys) table.AddColumn(name);
        for (var a = 0; a < ExamplesPerClass.Length; a++)
        {
            table.AddRow([ExamplesPerClass[a].ToString(CultureInfo.InvariantCulture), .. results.Values.Select(r => r[a].ToString("P1", CultureInfo.InvariantCulture))]);
        }

        console.Write(table);
        console.WriteLine($"Digits 5-9, test accuracy on {test.Count} images, mean of {Seeds} draws; frozen body bit-identical after training: {bodyUnchanged}.");
        var curves = new TrainingCurves { Title = "Digits 5-9 from a few examples: transfer from digits 0-4 vs from scratch", XLabel = "examples per class", YLabel = "test accuracy" };
        foreach (var (name, accuracy) in results) curves.Add(name, [.. ExamplesPerClass.Select(k => (double)k)], accuracy);
        using (var plot = curves.CreatePlot())
        {
            plot.ShowLegend(ScottPlot.Alignment.LowerRight);
            plot.SavePng(Path.Combine(outputFolder, "transfer-few-shot-accuracy.png"), 800, 500);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"5 examples per class: frozen body {results["frozen body + new head"][2]:P1}, from scratch {results["from scratch"][2]:P1}");
    }

    /// <summary>A fresh network whose body (layers 0-1) is loaded from the checkpoint; the head (layer 2) stays new.</summary>
    private static Sequential FromCheckpoint(string checkpoint, int seed)
    {
        var model = Mlp.Create(Sizes, ActivationKind.Tanh, new Random(300 + seed));
        var result = model.Load(checkpoint, name => name.StartsWith("2.", StringComparison.Ordinal) ? null : name, strict: false);
        if (result.Loaded.Count != 2 || result.Missing.Count != 0) throw new InvalidOperationException("The pretrained body did not load completely.");
        return model;
    }

    private static Dataset Digits(Dataset digits, int first)
    {
        var indices = Enumerable.Range(0, digits.Count).Where(i => digits.Labels![i] >= first && digits.Labels[i] < first + 5).ToArray();
        var subset = digits.Subset(indices);
        return Dataset.Classification(subset.Features, [.. subset.Labels!.Select(c => c - first)],
            [.. Enumerable.Range(first, 5).Select(d => d.ToString(CultureInfo.InvariantCulture))]);
    }

    private static Dataset FewShot(Dataset pool, int perClass, Random random)
    {
        var shuffled = pool.Shuffled(random);
        var indices = Enumerable.Range(0, 5).SelectMany(c => Enumerable.Range(0, shuffled.Count).Where(i => shuffled.Labels![i] == c).Take(perClass)).ToArray();
        return shuffled.Subset(indices);
    }

    private static void TrainMiniBatch(Module model, Dataset train, int epochs, Random random)
    {
        var optimizer = new Adam(model.Parameters(), 0.003);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            foreach (var batch in train.Batches(32, random)) Step(model, optimizer, batch);
        }
    }

    private static void TrainFullBatch(Module model, IOptimizer optimizer, Dataset few)
    {
        for (var step = 0; step < 150; step++) Step(model, optimizer, few);
    }

    private static void Step(Module model, IOptimizer optimizer, Dataset batch)
    {
        optimizer.ZeroGrad();
        Losses.SoftmaxCrossEntropy(model.Forward(batch.Features), batch.Labels!).Backward();
        optimizer.Step();
    }

    private static double Accuracy(Module model, Dataset data)
    {
        using var noGrad = GradMode.NoGrad();
        return Metrics.Accuracy(Metrics.ArgMaxPerRow(model.Forward(data.Features).Value), data.Labels!);
    }

    private static long[] Bits(Module model) => [.. model.Parameters().SelectMany(p => p.Value.Enumerate()).Select(BitConverter.DoubleToInt64Bits)];
}
