using MlMath.Samples.PhysicsInformed;
using Spectre.Console;

// PDEs and physics-informed networks: Burgers' equation (fluid flow) and Black-Scholes (option pricing).
PhysicsInformedSample.Run(AnsiConsole.Console, Path.Combine(Environment.CurrentDirectory, "output"));
