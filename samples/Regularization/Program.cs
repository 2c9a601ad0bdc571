using MlMath.Samples.Regularization;
using Spectre.Console;

// Regularization: an over-parameterised MLP on 60 noisy two-moons points with no regularization, L2, dropout
// and both; then a deep sigmoid MLP on the digits with and without batch norm.
RegularizationSample.Run(AnsiConsole.Console, Path.Combine(Environment.CurrentDirectory, "output"));
