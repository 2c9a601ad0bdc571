using System.Numerics.Tensors;

namespace MlMath.DifferentialEquations;

/// <summary>
/// The small pure functions of adaptive stepping: the error norm, the PI step-size controller and the automatic
/// initial step. Every adaptive solver in this namespace uses these and nothing else.
/// </summary>
public static class StepSizeControl
{
    /// <summary>
    /// The mixed absolute/relative RMS error norm
    /// ||err|| = sqrt( (1/n) sum_i ( err_i / (atol + rtol max(|y_i|, |ynew_i|)) )^2 );
    /// a step is accepted when it is at most 1 (Hairer, Norsett &amp; Wanner I, II.4, eq. (4.11)).
    /// </summary>
    public static double ErrorNorm(ReadOnlySpan<double> error, ReadOnlySpan<double> y, ReadOnlySpan<double> yNew,
        double absoluteTolerance, double relativeTolerance)
    {
        double sum = 0;
        for (var i = 0; i < error.Length; i++)
        {
            var scale = absoluteTolerance + relativeTolerance * Math.Max(Math.Abs(y[i]), Math.Abs(yNew[i]));
            var e = error[i] / scale;
            sum += e * e;
        }

        return Math.Sqrt(sum / error.Length);
    }

    /// <summary>
    /// The factor by which to multiply h after an accepted step, with the PI controller
    /// h_new = h * clamp(safety * err_n^(-alpha) * err_(n-1)^beta, minFactor, maxFactor), alpha = 1/k - 0.75 beta,
    /// beta = 0.2/k, where k = (the lower of the two orders of the pair) + 1 is the exponent of the local error
    /// (beta = 0.04 for Dormand-Prince 5(4), as in Hairer's DOPRI5). The integral term err_n^(-1/k) alone is the
    /// classical "I" controller; the proportional term err_(n-1)^beta damps the oscillation of h along the
    /// stability boundary (Gustafsson, "Control-theoretic techniques for stepsize selection in explicit Runge-Kutta
    /// methods", ACM TOMS 17, 1991; Hairer &amp; Wanner, Solving ODEs II, IV.2).
    /// </summary>
    /// <param name="error">The error norm of the step just accepted (&lt;= 1).</param>
    /// <param name="previousError">The error norm of the previous accepted step (1e-4 at the start, Hairer's convention).</param>
    /// <param name="errorExponentOrder">k, see above.</param>
    /// <param name="safety">The safety factor (0.9).</param>
    /// <param name="minFactor">The smallest factor.</param>
    /// <param name="maxFactor">The largest factor.</param>
    public static double PiFactor(double error, double previousError, int errorExponentOrder, double safety, double minFactor, double maxFactor)
    {
        var beta = 0.2 / errorExponentOrder;
        var alpha = 1.0 / errorExponentOrder - 0.75 * beta;
        if (error == 0) return maxFactor;
        var factor = safety * Math.Pow(error, -alpha) * Math.Pow(previousError, beta);
        return Math.Clamp(factor, minFactor, maxFactor);
    }

    /// <summary>The factor after a rejected step: max(minFactor, safety err^(-1/k)) (no increase, no memory).</summary>
    public static double RejectFactor(double error, int errorExponentOrder, double safety, double minFactor) =>
        double.IsFinite(error) ? Math.Clamp(safety * Math.Pow(error, -1.0 / errorExponentOrder), minFactor, 1.0) : minFactor;

    /// <summary>
    /// The automatic initial step of Hairer, Norsett &amp; Wanner I, II.4 (p. 169), with sc_i = atol + rtol |y0_i|
    /// and RMS norms: d0 = ||y0/sc||, d1 = ||f0/sc||; h0 = 0.01 d0/d1 (1e-6 if either is below 1e-5); one Euler step
    /// y1 = y0 + h0 f0 and f1 = f(t0 + h0, y1); d2 = ||(f1 - f0)/sc|| / h0; h1 = (0.01 / max(d1, d2))^(1/(p+1))
    /// (max(1e-6, 1e-3 h0) if both are below 1e-15); h = min(100 h0, h1). Costs one evaluation of f.
    /// </summary>
    /// <param name="function">f.</param>
    /// <param name="t0">The start time.</param>
    /// <param name="y0">The initial state.</param>
    /// <param name="f0">f(t0, y0).</param>
    /// <param name="direction">+1 forward, -1 backward in time.</param>
    /// <param name="order">p, the order of the method.</param>
    /// <param name="absoluteTolerance">atol.</param>
    /// <param name="relativeTolerance">rtol.</param>
    /// <returns>|h|, positive.</returns>
    public static double InitialStep(OdeFunction function, double t0, ReadOnlySpan<double> y0, ReadOnlySpan<double> f0,
        double direction, int order, double absoluteTolerance, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(function);
        var n = y0.Length;
        var scale = new double[n];
        for (var i = 0; i < n; i++) scale[i] = absoluteTolerance + relativeTolerance * Math.Abs(y0[i]);
        var d0 = ScaledRms(y0, scale);
        var d1 = ScaledRms(f0, scale);
        var h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        var y1 = new double[n];
        TensorPrimitives.MultiplyAdd(f0, direction * h0, y0, y1);
        var f1 = new double[n];
        function(t0 + direction * h0, y1, f1);
        TensorPrimitives.Subtract(f1, f0, f1);
        var d2 = ScaledRms(f1, scale) / h0;
        var dMax = Math.Max(d1, d2);
        var h1 = dMax <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dMax, 1.0 / (order + 1));
        var h = Math.Min(100 * h0, h1);
        return double.IsFinite(h) && h > 0 ? h : 1e-6;
    }

    private static double ScaledRms(ReadOnlySpan<double> x, double[] scale)
    {
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var v = x[i] / scale[i];
            sum += v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }
}
