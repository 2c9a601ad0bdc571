using System.Numerics.Tensors;

namespace MlMath.DifferentialEquations;

/// <summary>The continuous extension of one accepted step from t0 to t0 + h (dense output).</summary>
internal abstract class StepInterpolant(double t0, double h, double[] y0)
{
    public double T0 { get; } = t0;

    public double H { get; } = h;

    protected double[] Y0 { get; } = y0;

    /// <summary>Writes y(t0 + theta h) into <paramref name="destination"/>, theta in [0, 1].</summary>
    public abstract void Evaluate(double theta, Span<double> destination);
}

/// <summary>A tableau's own interpolant: y0 + h sum_i b_i(theta) k_i (Hairer, Norsett &amp; Wanner I, II.6).</summary>
internal sealed class RungeKuttaInterpolant(double t0, double h, double[] y0, double[][] stages, ButcherTableau tableau)
    : StepInterpolant(t0, h, y0)
{
    public override void Evaluate(double theta, Span<double> destination)
    {
        Span<double> weights = stackalloc double[stages.Length];
        tableau.DenseWeights(theta, weights);
        Y0.CopyTo(destination);
        for (var i = 0; i < stages.Length; i++)
        {
            if (weights[i] != 0) TensorPrimitives.MultiplyAdd(stages[i], H * weights[i], destination, destination);
        }
    }
}

/// <summary>
/// The cubic Hermite interpolant through (y0, f0) and (y1, f1):
/// u(theta) = (1 - theta) y0 + theta y1 + theta (theta - 1) ((1 - 2 theta)(y1 - y0) + (theta - 1) h f0 + theta h f1)
/// (Hairer, Norsett &amp; Wanner I, II.6, eq. (6.7)); order 3.
/// </summary>
internal sealed class HermiteInterpolant(double t0, double h, double[] y0, double[] y1, double[] f0) : StepInterpolant(t0, h, y0)
{
    /// <summary>f(t0 + h, y1); filled by the next step, or lazily for the last one.</summary>
    public double[]? F1 { get; set; }

    public double[] Y1 => y1;

    public override void Evaluate(double theta, Span<double> destination)
    {
        var f1 = F1 ?? throw new InvalidOperationException("HermiteInterpolant: f at the end of the step is missing.");
        var w = theta * (theta - 1);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (1 - theta) * Y0[i] + theta * y1[i]
                + w * ((1 - 2 * theta) * (y1[i] - Y0[i]) + (theta - 1) * H * f0[i] + theta * H * f1[i]);
        }
    }
}

/// <summary>ode23s' dense output: y(t0 + s h) = y0 + h (s (1 - s) k1 + s (s - 2d) k2) / (1 - 2d) (Shampine &amp; Reichelt 1997).</summary>
internal sealed class RosenbrockInterpolant(double t0, double h, double[] y0, double[] k1, double[] k2, double d) : StepInterpolant(t0, h, y0)
{
    public override void Evaluate(double theta, Span<double> destination)
    {
        var w1 = theta * (1 - theta) / (1 - 2 * d);
        var w2 = theta * (theta - 2 * d) / (1 - 2 * d);
        for (var i = 0; i < destination.Length; i++) destination[i] = Y0[i] + H * (w1 * k1[i] + w2 * k2[i]);
    }
}
