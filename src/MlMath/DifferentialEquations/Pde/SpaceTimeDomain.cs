using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// The rectangle [x_min, x_max] x [t_min, t_max] on which a physics-informed network is trained. Points are rows (x, t)
/// of an n x 2 matrix, the network's input layout.
/// </summary>
public sealed record SpaceTimeDomain
{
    /// <summary>Creates the domain.</summary>
    /// <exception cref="ArgumentException">An interval is empty or not finite.</exception>
    public SpaceTimeDomain(double xMin, double xMax, double tMin, double tMax)
    {
        if (!double.IsFinite(xMin) || !double.IsFinite(xMax) || !(xMax > xMin) || !double.IsFinite(tMin) || !double.IsFinite(tMax) || !(tMax > tMin))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"SpaceTimeDomain: [{xMin}, {xMax}] x [{tMin}, {tMax}] must be two finite, non-empty intervals."), nameof(xMax));
        }

        (XMin, XMax, TMin, TMax) = (xMin, xMax, tMin, tMax);
    }

    /// <summary>x_min.</summary>
    public double XMin { get; }

    /// <summary>x_max.</summary>
    public double XMax { get; }

    /// <summary>t_min.</summary>
    public double TMin { get; }

    /// <summary>t_max.</summary>
    public double TMax { get; }

    /// <summary>n interior collocation points (n x 2), uniform or Latin hypercube, drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is not positive.</exception>
    public Matrix<double> Sample(int count, CollocationSampling sampling, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var unit = sampling == CollocationSampling.LatinHypercube
            ? LatinHypercube.Sample(count, 2, random)
            : Matrix<double>.Build.Dense(count, 2, (_, _) => random.NextDouble());
        return Matrix<double>.Build.Dense(count, 2, (i, j) => j == 0 ? XMin + (XMax - XMin) * unit[i, 0] : TMin + (TMax - TMin) * unit[i, 1]);
    }

    /// <summary>n evenly spaced points (x_k, t_min) on the initial line, both ends included (n &gt;= 2).</summary>
    public Matrix<double> InitialLine(int count) => Line(count, (XMin, TMin), (XMax, TMin));

    /// <summary>n evenly spaced points (x_min, t_k) on the left boundary, both ends included (n &gt;= 2).</summary>
    public Matrix<double> LeftBoundary(int count) => Line(count, (XMin, TMin), (XMin, TMax));

    /// <summary>n evenly spaced points (x_max, t_k) on the right boundary, both ends included (n &gt;= 2).</summary>
    public Matrix<double> RightBoundary(int count) => Line(count, (XMax, TMin), (XMax, TMax));

    /// <summary>An nx x nt tensor grid of (x, t) points, x varying fastest (for evaluating and plotting a solution).</summary>
    public Matrix<double> Grid(int xCount, int tCount)
    {
        var xs = Line(xCount, (XMin, 0), (XMax, 0));
        var ts = Line(tCount, (TMin, 0), (TMax, 0));
        return Matrix<double>.Build.Dense(xCount * tCount, 2, (i, j) => j == 0 ? xs[i % xCount, 0] : ts[i / xCount, 0]);
    }

    private static Matrix<double> Line(int count, (double X, double T) from, (double X, double T) to)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "SpaceTimeDomain: at least 2 points are needed on a line.");
        return Matrix<double>.Build.Dense(count, 2, (i, j) =>
        {
            var s = (double)i / (count - 1);
            return j == 0 ? from.X + s * (to.X - from.X) : from.T + s * (to.T - from.T);
        });
    }
}
