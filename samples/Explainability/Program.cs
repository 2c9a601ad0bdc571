using MlMath.Samples.Explainability;
using Spectre.Console;

// Explainability: saliency, SmoothGrad and integrated gradients on digits; permutation importance and Shapley values on Iris.
ExplainabilitySample.Run(AnsiConsole.Console, Path.Combine(Environment.CurrentDirectory, "output"));
