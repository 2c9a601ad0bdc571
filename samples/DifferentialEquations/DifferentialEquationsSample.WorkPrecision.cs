using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.DifferentialEquations;
using MlMath.Plotting;
using Spectre.Console;

namespace MlMath.Samples.DifferentialEquations;

public static partial class DifferentialEquationsSample
{
    /// <summary>
    /// Work-precision: evaluations and end-point error of Bogacki-Shampine 3(2), Dormand-Prince 5(4) and Tsitouras
    /// 5(4) at rtol = atol = 1e-3 ... 1e-10, on Lotka-Volterra (reference: DP5 at 1e-13) and on the Arenstorf orbit
    /// (reference: its own initial value, one period later).
    /// </summary>
    private static string WorkPrecision(IAnsiConsole console, string outputFolder)
    {
        console.Write(new Rule("Work-precision"));
        var lv = LotkaVolterra(1.5, 1, 3, 1, 10);
        var lvReference = new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(lv, new OdeSolverOptions { RelativeTolerance = 1e-13, AbsoluteTolerance = 1e-13 }).FinalState;
        var summary = "";
        foreach (var (name, problem, reference) in new[] { ("Lotka-Volterra", lv, lvReference), ("Arenstorf orbit", Arenstorf(), Arenstorf().InitialValue) })
        {
            var table = new Table().AddColumns("method", "rtol", "evaluations", "steps (rejected)", "error", "time");
            var figure = new TrainingCurves { Title = $"Work-precision on {name}", XLabel = "log10(function evaluations)", YLabel = "end-point error", LogScaleY = true };
            foreach (var tableau in new[] { ButcherTableau.BogackiShampine32, ButcherTableau.DormandPrince54, ButcherTableau.Tsitouras54 })
            {
                var (x, y) = (new List<double>(), new List<double>());
                for (var exponent = 3; exponent <= 10; exponent++)
                {
                    var tol = Math.Pow(10, -exponent);
                    var options = new OdeSolverOptions { RelativeTolerance = tol, AbsoluteTolerance = tol, StoreSteps = false };
                    var solver = new ExplicitRungeKutta(tableau);
                    var watch = Stopwatch.StartNew();
                    var solution = solver.Solve(problem, options);
                    var elapsed = watch.Elapsed.TotalMilliseconds;
                    var error = (solution.FinalState - reference).L2Norm();
                    x.Add(Math.Log10(solution.Statistics.FunctionEvaluations));
                    y.Add(Math.Max(error, 1e-16));
                    table.AddRow(tableau.Name, $"1e-{exponent}", $"{solution.Statistics.FunctionEvaluations}", $"{solution.Statistics.AcceptedSteps} ({solution.Statistics.RejectedSteps})", $"{error:0.0e+0}", $"{elapsed:F2} ms");
                    if (name == "Lotka-Volterra" && exponent == 6 && tableau == ButcherTableau.DormandPrince54)
                    {
                        summary = $"DP5 on Lotka-Volterra at rtol 1e-6: {solution.Statistics.FunctionEvaluations} evaluations, error {error:0.0e+0}";
                    }
                }

                figure.Add(tableau.Name, x, y);
            }

            console.MarkupLine($"[bold]{name}[/]");
            console.Write(table);
            figure.SavePng(Path.Combine(outputFolder, $"ode-work-precision-{(name == "Lotka-Volterra" ? "lotka-volterra" : "arenstorf")}.png"), 800, 500);
        }

        return summary;
    }

    /// <summary>
    /// The Arenstorf orbit of the restricted three-body problem (Hairer, Norsett &amp; Wanner I, II.0, eq. (0.1)):
    /// mu = 0.012277471, periodic with period T = 17.0652165601579625588917206249 from
    /// y0 = (0.994, 0, 0, -2.00158510637908252240537862224) (position, velocity).
    /// </summary>
    public static OdeProblem Arenstorf()
    {
        const double mu = 0.012277471, muPrime = 1 - mu;
        return new OdeProblem((t, y, dy) =>
        {
            var d1 = Math.Pow((y[0] + mu) * (y[0] + mu) + y[1] * y[1], 1.5);
            var d2 = Math.Pow((y[0] - muPrime) * (y[0] - muPrime) + y[1] * y[1], 1.5);
            dy[0] = y[2];
            dy[1] = y[3];
            dy[2] = y[0] + 2 * y[3] - muPrime * (y[0] + mu) / d1 - mu * (y[0] - muPrime) / d2;
            dy[3] = y[1] - 2 * y[2] - muPrime * y[1] / d1 - mu * y[1] / d2;
        }, DenseVector.OfArray([0.994, 0, 0, -2.00158510637908252240537862224]), 0, 17.0652165601579625588917206249);
    }
}
