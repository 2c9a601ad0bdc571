// Package smoke test: uses MlMath as a NuGet package user would, and fails loudly if anything is off.
using MlMath.Data;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Plotting;

var random = new Random(0);
var data = DataGenerators.TwoMoons(400, 0.1, random);
var model = Mlp.Create([2, 16, 2], ActivationKind.Tanh, random);
var optimizer = new Adam(model.Parameters(), learningRate: 0.02);
var losses = new List<double>();
for (var epoch = 0; epoch < 40; epoch++)
{
    var total = 0.0;
    foreach (var batch in data.Batches(32, random))
    {
        optimizer.ZeroGrad();
        var loss = Losses.SoftmaxCrossEntropy(model.Forward(batch.Features), batch.Labels!);
        loss.Backward();
        optimizer.Step();
        total += loss.Item;
    }

    losses.Add(total);
}

var accuracy = Metrics.Accuracy(Metrics.ArgMaxPerRow(model.Forward(data.Features).Value), data.Labels!);
var folder = Directory.CreateTempSubdirectory("mlmath-smoke").FullName;
model.Save(Path.Combine(folder, "model.safetensors"));
var copy = Mlp.Create([2, 16, 2], ActivationKind.Tanh, new Random(1));
copy.Load(Path.Combine(folder, "model.safetensors"));
new TrainingCurves { Title = "smoke" }.Add("loss", losses).SavePng(Path.Combine(folder, "loss.png"), 400, 300);
var digits = BuiltInDatasets.Digits();

Console.WriteLine($"MlMath package smoke test: accuracy {accuracy:P1}, digits {digits.Count} rows, figure {new FileInfo(Path.Combine(folder, "loss.png")).Length} bytes");
if (accuracy < 0.95 || digits.Count != 1797) return 1;
Directory.Delete(folder, recursive: true);
return 0;
