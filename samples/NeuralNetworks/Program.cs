using MlMath.Samples.NeuralNetworks;
using Spectre.Console;

// Neural-network modules: an MLP on two moons (loss curve, decision boundary) and on the 8x8 digits.
NeuralNetworksSample.Run(AnsiConsole.Console, Path.Combine(Environment.CurrentDirectory, "output"));
