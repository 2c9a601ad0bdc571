using MlMath.Samples.DifferentialEquations;
using Spectre.Console;

// Differential equations: population models (logistic, Lotka-Volterra, parameter recovery through the solver),
// the spiral neural ODE, and a work-precision comparison of the adaptive solvers.
DifferentialEquationsSample.Run(AnsiConsole.Console, Path.Combine(Environment.CurrentDirectory, "output"));
