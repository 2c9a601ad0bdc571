using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.DifferentialEquations.Pde;
using MlMath.Plotting;
using Spectre.Console;

namespace MlMath.Samples.PhysicsInformed;

/// <summary>
/// The PDE sample: (1) fluid flow, Burgers' equation with nu = 0.01/pi on [-1, 1] x [0, 1] and u(x, 0) = -sin(pi x)
/// (Raissi et al. 2019), by the method of lines and by a physics-informed network, both checked against the Cole-Hopf
/// exact solution; (2) option pricing, a European call by the closed form, Crank-Nicolson, Monte Carlo and a PINN.
/// Callable from its own program and from the Tour.
/// </summary>
public static partial class PhysicsInformedSample
{
    /// <summary>Runs the sample, writing figures into <paramref name="outputFolder"/>; returns the key numbers.</summary>
    public static string Run(IAnsiConsole console, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(console);
        Directory.CreateDirectory(outputFolder);
        var watch = Stopwatch.StartNew();
        var (linesError, pinnError) = FluidFlow(console, outputFolder);
        var (fdError, pinnPriceError) = OptionPricing(console, outputFolder);
        console.MarkupLine($"Done in {watch.Elapsed.TotalSeconds:F1} s.");
        return string.Create(CultureInfo.InvariantCulture,
            $"Burgers relative L2 error: method of lines {linesError:E1}, PINN {pinnError:E1}; call price error: Crank-Nicolson {fdError:E1}, PINN {pinnPriceError:E1}");
    }

    /// <summary>Tick labels for a heat-map axis: the coordinate every <paramref name="every"/> cells, blank elsewhere.</summary>
    private static string[] Ticks(IReadOnlyList<double> coordinates, int every) =>
        coordinates.Select((c, i) => i % every == 0 ? c.ToString("0.##", CultureInfo.InvariantCulture) : "").ToArray();

    private static void SaveHeatMap(Matrix<double> values, string title, IReadOnlyList<double> rows, IReadOnlyList<double> columns,
        string rowLabel, string columnLabel, string colorBar, string path) =>
        new HeatMap(values)
        {
            Title = title,
            XLabel = columnLabel,
            YLabel = rowLabel,
            ColorBarLabel = colorBar,
            RowLabels = Ticks(rows, Math.Max(1, rows.Count / 5)),
            ColumnLabels = Ticks(columns, Math.Max(1, columns.Count / 5)),
        }.SavePng(path, 800, 500);
}
