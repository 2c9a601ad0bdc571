using MlMath.Samples.TransferLearning;
using Spectre.Console;

// Transfer learning: a body pretrained on digits 0-4 reused for digits 5-9 from a few examples per class.
TransferLearningSample.Run(AnsiConsole.Console, Path.Combine(Environment.CurrentDirectory, "output"));
