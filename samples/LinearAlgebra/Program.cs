using MlMath.Samples.LinearAlgebra;
using Spectre.Console;

// Chapter 1 sample: least squares three ways on an ill-conditioned problem, and a gradient-check table.
LinearAlgebraSample.Run(AnsiConsole.Console, Path.Combine(Environment.CurrentDirectory, "output"));
