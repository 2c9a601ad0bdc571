using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// A uniform 1-D grid x_i = a + i dx, i = 0..N, with dx = (b - a) / N: the N + 1 nodes of a finite-difference method
/// (both end points included, where boundary conditions act).
/// </summary>
public sealed record UniformGrid
{
    /// <summary>Creates the grid on [<paramref name="start"/>, <paramref name="end"/>] with <paramref name="intervals"/> cells.</summary>
    /// <exception cref="ArgumentException">The interval is empty or not finite, or fewer than 2 intervals.</exception>
    public UniformGrid(double start, double end, int intervals)
    {
        if (!double.IsFinite(start) || !double.IsFinite(end) || !(end > start))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"UniformGrid: [{start}, {end}] must be a finite interval with end > start."), nameof(end));
        }

        if (intervals < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(intervals), intervals, "UniformGrid: at least 2 intervals are needed (one interior node).");
        }

        Start = start;
        End = end;
        Intervals = intervals;
    }

    /// <summary>a, the left end.</summary>
    public double Start { get; }

    /// <summary>b, the right end.</summary>
    public double End { get; }

    /// <summary>N, the number of cells.</summary>
    public int Intervals { get; }

    /// <summary>N + 1, the number of nodes.</summary>
    public int PointCount => Intervals + 1;

    /// <summary>dx = (b - a) / N.</summary>
    public double Spacing => (End - Start) / Intervals;

    /// <summary>x_i = a + i dx (x_N = b exactly).</summary>
    public double X(int i) => i == Intervals ? End : Start + i * Spacing;

    /// <summary>All nodes x_0..x_N as a new array.</summary>
    public double[] Points()
    {
        var x = new double[PointCount];
        for (var i = 0; i < x.Length; i++) x[i] = X(i);
        return x;
    }
}
