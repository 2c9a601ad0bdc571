using MlMath.Samples.Optimization;
using Spectre.Console;

// Optimization: five optimizers on the Rosenbrock valley (paths and convergence curves), then logistic
// regression trained by SGD, L-BFGS and Newton-CG.
OptimizationSample.Run(AnsiConsole.Console, Path.Combine(Environment.CurrentDirectory, "output"));
