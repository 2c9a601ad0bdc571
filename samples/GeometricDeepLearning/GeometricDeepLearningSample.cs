using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Graphs;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Plotting;
using Spectre.Console;

namespace MlMath.Samples.GeometricDeepLearning;

/// <summary>
/// The graph neural networks sample: a three-layer GCN learns Zachary's karate club from two labelled members
/// (2-D node embeddings saved as PNGs while it trains), then a 2-layer GCN and a 2-layer GAT are trained on Cora
/// (Planetoid split) over several seeds and their test accuracies are set beside the papers'.
/// Callable from its own program and from the Tour.
/// </summary>
public static class GeometricDeepLearningSample
{
    private static readonly string[] Factions = ["Mr. Hi", "Officer"];

    /// <summary>Runs the sample, writing figures into <paramref name="outputFolder"/>; returns the key numbers.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var karate = KarateClubEmbedding(console, outputFolder);
        var (gcn, gat) = CoraTable(console);
        return string.Create(CultureInfo.InvariantCulture,
            $"karate club accuracy {karate:P0}; Cora test accuracy GCN {gcn:P1}, GAT {gat:P1}");
    }

    /// <summary>
    /// Kipf &amp; Welling's karate-club demonstration: identity features, GCN 34 -> 4 -> 4 -> 2 with tanh, a linear
    /// classifier on the 2-D output, trained on the labels of node 0 (Mr. Hi) and node 33 (the Officer) only.
    /// </summary>
    private static double KarateClubEmbedding(IAnsiConsole console, string outputFolder)
    {
        var graph = KarateClub.Graph();
        var factions = KarateClub.Factions.ToArray();
        var random = new Random(3);
        var layers = new[] { new GcnConv(34, 4, random), new GcnConv(4, 4, random), new GcnConv(4, 2, random) };
        var classifier = new Linear(2, 2, random);
        var parameters = layers.SelectMany(l => l.Parameters()).Concat(classifier.Parameters()).ToList();
        var adam = new Adam(parameters, 0.01);
        var features = Variable.Constant(DenseMatrix.CreateIdentity(34));
        int[] labelled = [0, 33];
        Variable Embed()
        {
            var h = features;
            foreach (var layer in layers) h = layer.Forward(h, graph).Tanh();
            return h;
        }

        int[] snapshots = [0, 50, 300];
        var losses = new List<double>();
        for (var epoch = 0; epoch <= 300; epoch++)
        {
            if (snapshots.Contains(epoch))
            {
                using var _ = GradMode.NoGrad();
                new ScatterPlot2D(Embed().Value, factions)
                {
                    Title = $"Karate club: GCN embedding after {epoch} epochs",
                    XLabel = "embedding 1",
                    YLabel = "embedding 2",
                    ClassNames = Factions,
                }.SavePng(Path.Combine(outputFolder, $"gnn-karate-epoch-{epoch:000}.png"), 700, 600);
            }

            if (epoch == 300) break;
            adam.ZeroGrad();
            var loss = Losses.SoftmaxCrossEntropy(classifier.Forward(Embed()).GatherRows(labelled), [factions[0], factions[33]]);
            loss.Backward();
            adam.Step();
            losses.Add(loss.Item);
        }

        new TrainingCurves { Title = "Karate club: training loss on the two labelled nodes", LogScaleY = true }
            .Add("cross-entropy", losses)
            .SavePng(Path.Combine(outputFolder, "gnn-karate-loss.png"), 800, 500);
        int[] predicted;
        using (GradMode.NoGrad()) predicted = Metrics.ArgMaxPerRow(classifier.Forward(Embed()).Value);
        var others = Enumerable.Range(1, 32).ToArray();
        var accuracy = NodeClassification.Accuracy(predicted, others, factions);
        console.MarkupLine($"Karate club: from 2 labelled members, the GCN places [bold]{accuracy:P0}[/] of the other 32 in their faction.");
        return accuracy;
    }

    /// <summary>
    /// GCN and GAT (3 seeds each) on Cora, a table of mean +- std beside the published numbers. The unit tests
    /// run 5 seeds of each (tests/MlMath.Tests/Graphs/CoraAccuracyTests.cs); the sample keeps under ~20 s.
    /// </summary>
    private static (double Gcn, double Gat) CoraTable(IAnsiConsole console)
    {
        var cora = PlanetoidDataset.Cora();
        console.WriteLine(cora.ToString());
        var features = cora.RowNormalizedFeatures();
        var gcn = Train(console, "GCN", cora, features, seed => new GcnNodeClassifier(1433, 16, 7, new Random(seed)), 0.01, seeds: 3, selectOnValidation: false);
        var gat = Train(console, "GAT", cora, features, seed => new GatNodeClassifier(1433, 8, 8, 7, new Random(seed)), 0.005, seeds: 3, selectOnValidation: true);

        var table = new Table().AddColumns("model", "test accuracy (ours)", "seeds", "paper", "ms / epoch (ours)", "PyTorch, this machine (issue 6)");
        table.AddRow("GCN 1433-16-7", Format(gcn.Accuracies), Count(gcn.Accuracies), "81.5%", gcn.MsPerEpoch.ToString("F2", CultureInfo.InvariantCulture), "5.2 ms (float64), 81.4%");
        table.AddRow("GAT 1433-8x8-7", Format(gat.Accuracies), Count(gat.Accuracies), "83.0%", gat.MsPerEpoch.ToString("F2", CultureInfo.InvariantCulture), "17 ms (float32), 82.4%");
        console.Write(table);
        console.WriteLine("GCN: accuracy after epoch 200. GAT: accuracy at the epoch of best validation accuracy (the paper's early stopping).");
        console.WriteLine("ms / epoch: every training epoch of every seed, the JIT's warm-up of the first ones included; steady-state figures: docs/benchmarks-graphs.md.");
#if DEBUG
        console.WriteLine("(Debug build: the epoch times are not representative; `dotnet run -c Release` or docs/benchmarks-graphs.md.)");
#endif
        return (gcn.Accuracies.Average(), gat.Accuracies.Average());
    }

    private static (double[] Accuracies, double MsPerEpoch) Train(IAnsiConsole console, string name, PlanetoidDataset data,
        MlMath.LinearAlgebra.CsrMatrix features, Func<int, GraphModule> create, double learningRate, int seeds, bool selectOnValidation)
    {
        const int epochs = 200;
        var trainLabels = data.LabelsOf(data.TrainNodes);
        var accuracies = new double[seeds];
        var trainingTime = TimeSpan.Zero;
        console.Progress().Start(context =>
        {
            var task = context.AddTask($"{name} on Cora, {seeds} seeds x {epochs} epochs", maxValue: seeds * epochs);
            for (var seed = 0; seed < seeds; seed++)
            {
                var model = create(seed);
                var adam = new Adam(model.Parameters(), learningRate, weightDecay: 5e-4);
                var best = -1.0;
                for (var epoch = 0; epoch < epochs; epoch++)
                {
                    var watch = Stopwatch.StartNew();
                    NodeClassification.TrainEpoch(model, adam, features, data.Graph, data.TrainNodes, trainLabels);
                    trainingTime += watch.Elapsed;
                    task.Increment(1);
                    if (!selectOnValidation && epoch < epochs - 1) continue;
                    var predictions = NodeClassification.Predict(model, features, data.Graph);
                    var validation = NodeClassification.Accuracy(predictions, data.ValidationNodes, data.Labels);
                    if (selectOnValidation && validation <= best) continue;
                    best = validation;
                    accuracies[seed] = NodeClassification.Accuracy(predictions, data.TestNodes, data.Labels);
                }
            }
        });
        console.WriteLine($"{name}: {seeds} x {epochs} epochs done, test accuracy {Format(accuracies)}");
        return (accuracies, trainingTime.TotalMilliseconds / (seeds * epochs));
    }

    private static string Count(double[] accuracies) => accuracies.Length.ToString(CultureInfo.InvariantCulture);

    private static string Format(double[] accuracies)
    {
        var mean = accuracies.Average();
        if (accuracies.Length == 1) return string.Create(CultureInfo.InvariantCulture, $"{mean * 100:F1}%");
        var std = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1));
        return string.Create(CultureInfo.InvariantCulture, $"{mean * 100:F1}% +- {std * 100:F1}");
    }
}
