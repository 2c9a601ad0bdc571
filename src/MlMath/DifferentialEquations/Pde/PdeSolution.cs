using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// A grid function u(x_j, t_n) from a time-stepping PDE solver: the nodes, the saved times and the values, one row
/// per saved time and one column per node.
/// </summary>
public sealed class PdeSolution
{
    /// <summary>Creates a solution from its parts (copied).</summary>
    /// <exception cref="ArgumentException">The shapes do not match: values must be times x nodes.</exception>
    public PdeSolution(IReadOnlyList<double> nodes, IReadOnlyList<double> times, Matrix<double> values)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (values.RowCount != times.Count || values.ColumnCount != nodes.Count || times.Count == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"PdeSolution: values are {values.RowCount}x{values.ColumnCount}, but there are {times.Count} times and {nodes.Count} nodes."), nameof(values));
        }

        Nodes = nodes.ToArray();
        Times = times.ToArray();
        Values = values.Clone();
    }

    /// <summary>The spatial nodes x_j.</summary>
    public IReadOnlyList<double> Nodes { get; }

    /// <summary>The saved times t_n, the initial time first.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>u(x_j, t_n): row n, column j.</summary>
    public Matrix<double> Values { get; }

    /// <summary>The final time.</summary>
    public double FinalTime => Times[^1];

    /// <summary>u(x_j, T) at the final time.</summary>
    public Vector<double> FinalValues => Values.Row(Values.RowCount - 1);

    /// <summary>u(x, T) by piecewise-linear interpolation between the nodes (second-order accurate).</summary>
    /// <exception cref="ArgumentOutOfRangeException">x is outside [x_0, x_last].</exception>
    public double InterpolateFinal(double x)
    {
        var (x0, x1) = (Nodes[0], Nodes[^1]);
        if (!(x >= x0 && x <= x1))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, string.Create(CultureInfo.InvariantCulture, $"PdeSolution.InterpolateFinal: x = {x} is outside [{x0}, {x1}]."));
        }

        var row = Values.RowCount - 1;
        var j = 0;
        while (j < Nodes.Count - 2 && Nodes[j + 1] < x) j++;
        var w = (x - Nodes[j]) / (Nodes[j + 1] - Nodes[j]);
        return (1 - w) * Values[row, j] + w * Values[row, j + 1];
    }
}
