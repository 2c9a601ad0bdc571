using MlMath.Samples.GeometricDeepLearning;
using Spectre.Console;

// Graph neural networks: a GCN embeds Zachary's karate club in 2-D as it learns the two factions, then GCN and
// GAT reproduce the published Cora accuracies.
GeometricDeepLearningSample.Run(AnsiConsole.Console, Path.Combine(Environment.CurrentDirectory, "output"));
