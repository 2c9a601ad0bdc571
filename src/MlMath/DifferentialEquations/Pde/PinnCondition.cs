using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// A data constraint of a physics-informed network: B[u](p_i) = g_i at points p_i, penalised by
/// weight * mean_i (B[u](p_i) - g_i)^2. B is u itself for initial and Dirichlet conditions (the default), or e.g.
/// <c>f =&gt; f.Ux</c> for a Neumann condition.
/// </summary>
public sealed class PinnCondition
{
    /// <summary>Creates the condition.</summary>
    /// <param name="name">A label for reports ("initial", "left", ...).</param>
    /// <param name="points">n x 2 points (x, t).</param>
    /// <param name="targets">n x 1 target values g_i.</param>
    /// <param name="weight">The penalty weight (&gt; 0, default 1).</param>
    /// <param name="operator">B, from the fields at the points to an n x 1 Variable; null for u.</param>
    /// <exception cref="ArgumentException">The shapes do not match, or the weight is not positive.</exception>
    public PinnCondition(string name, Matrix<double> points, Matrix<double> targets, double weight = 1.0, Func<PinnFields, Variable>? @operator = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(targets);
        if (points.ColumnCount != 2 || targets.ColumnCount != 1 || targets.RowCount != points.RowCount || points.RowCount == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"PinnCondition '{name}': points are {points.RowCount}x{points.ColumnCount} and targets {targets.RowCount}x{targets.ColumnCount}; they must be n x 2 and n x 1 with n > 0."), nameof(targets));
        }

        if (!(weight > 0) || !double.IsFinite(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, string.Create(CultureInfo.InvariantCulture, $"PinnCondition '{name}': the weight {weight} must be finite and > 0."));
        }

        (Name, Points, Targets, Weight, Operator) = (name, points.Clone(), targets.Clone(), weight, @operator ?? (f => f.U));
    }

    /// <summary>The label.</summary>
    public string Name { get; }

    /// <summary>The points (n x 2).</summary>
    public Matrix<double> Points { get; }

    /// <summary>The targets (n x 1).</summary>
    public Matrix<double> Targets { get; }

    /// <summary>The penalty weight.</summary>
    public double Weight { get; }

    /// <summary>B.</summary>
    public Func<PinnFields, Variable> Operator { get; }

    /// <summary>A condition u(p_i) = g(x_i, t_i) (initial or Dirichlet).</summary>
    public static PinnCondition FromFunction(string name, Matrix<double> points, Func<double, double, double> target, double weight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(target);
        return new PinnCondition(name, points, Matrix<double>.Build.Dense(points.RowCount, 1, (i, _) => target(points[i, 0], points[i, 1])), weight);
    }
}
