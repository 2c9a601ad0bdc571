using MlMath.Samples.Manifolds;
using Spectre.Console;

// Manifold learning: a swiss roll unrolled by seven methods, and the 8x8 digits by PCA and t-SNE.
ManifoldsSample.Run(AnsiConsole.Console, Path.Combine(Environment.CurrentDirectory, "output"));
