using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;

namespace MlMath.Explainability;

/// <summary>
/// Integrated gradients (Sundararajan, Taly &amp; Yan, "Axiomatic attribution for deep networks", ICML 2017):
/// the gradient integrated along the straight path from a baseline x' to the input x,
/// <c>IG_j(x) = (x_j - x'_j) int_0^1 d f_c(x' + alpha (x - x')) / d x_j d alpha</c>.
/// </summary>
/// <remarks>
/// <para>By the fundamental theorem of calculus for path integrals, the attributions add up to the change of
/// the output: <c>sum_j IG_j(x) = f_c(x) - f_c(x')</c> (completeness). They are also zero for a feature the
/// model does not depend on (dummy), insensitive to the implementation of the same function, and linear in f.
/// For a linear model f(x) = w . x + b the gradient is w everywhere and IG_j = w_j (x_j - x'_j) exactly for
/// every rule and step count.</para>
/// <para>The integral is approximated by a Riemann or trapezoid sum (<see cref="RiemannRule"/>); each step
/// is one batched forward and backward pass over all samples. The result reports the completeness gap, the
/// honest measure of the quadrature error; the paper suggests 20 to 300 steps, enough for a gap within 5%.</para>
/// <para>The baseline should mean "absence of signal": zeros for standardized features or a black image, a
/// blurred image, or the training mean. Attributions are always relative to it.</para>
/// </remarks>
public static class IntegratedGradients
{
    /// <summary>
    /// Computes IG_ij = (x_ij - x'_ij) sum_k w_k d f_c(x'_i + alpha_k (x_i - x'_i)) / d x_ij with the nodes
    /// alpha_k and weights w_k of <paramref name="rule"/> over <paramref name="steps"/> intervals.
    /// </summary>
    /// <param name="model">The differentiable model, mapping n x d inputs to n x k outputs, rows independent.</param>
    /// <param name="input">The samples to explain, n x d, finite.</param>
    /// <param name="target">The output column c to explain.</param>
    /// <param name="baseline">The baseline x': one row (1 x d, used for every sample) or one per sample (n x d); finite.</param>
    /// <param name="steps">m, the number of intervals of [0, 1]; at least 1.</param>
    /// <param name="rule">The quadrature rule (midpoint by default: second order with m evaluations).</param>
    /// <returns>The attributions, the outputs at input and baseline and the completeness gap per sample.</returns>
    /// <exception cref="ArgumentException">The input or baseline is empty or not finite, or the baseline's shape is
    /// neither 1 x d nor n x d.</exception>
    /// <exception cref="ArgumentOutOfRangeException">steps is below 1, the rule is unknown, or the target is not an
    /// output column.</exception>
    /// <exception cref="InvalidOperationException">The model does not return one row per input row.</exception>
    public static IntegratedGradientsResult Compute(Func<Variable, Variable> model, Matrix<double> input, int target,
        Matrix<double> baseline, int steps = 50, RiemannRule rule = RiemannRule.Midpoint)
    {
        const string method = "IntegratedGradients";
        ModelGradient.CheckArguments(model, input, target, method);
        ExplainabilityChecks.FiniteNonEmpty(baseline, method, nameof(baseline));
        var (n, d) = (input.RowCount, input.ColumnCount);
        if (baseline.ColumnCount != d || (baseline.RowCount != 1 && baseline.RowCount != n))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: baseline is {ExplainabilityChecks.Shape(baseline)} but the input is {n}x{d}; the baseline must be 1x{d} (shared) or {n}x{d} (one per sample)."),
                nameof(baseline));
        }

        ExplainabilityChecks.AtLeast(steps, 1, method, nameof(steps));
        var (alphas, weights) = Nodes(rule, steps);
        var start = baseline.RowCount == n ? baseline : Matrix<double>.Build.Dense(n, d, (i, j) => baseline[0, j]);
        var difference = input - start;

        var integral = Matrix<double>.Build.Dense(n, d);
        for (var k = 0; k < alphas.Length; k++)
        {
            var point = start + (alphas[k] * difference);
            integral += weights[k] * ModelGradient.OfTarget(model, point, target, method);
        }

        var attributions = difference.PointwiseMultiply(integral);
        var atInput = ModelGradient.Output(model, input, target, method);
        var atBaseline = ModelGradient.Output(model, start, target, method);
        var gap = attributions.RowSums() - (atInput - atBaseline);
        return new IntegratedGradientsResult(attributions, atInput, atBaseline, gap, alphas.Length);
    }

    /// <summary>
    /// Computes integrated gradients from a baseline vector shared by all samples; see
    /// <see cref="Compute(Func{Variable, Variable}, Matrix{double}, int, Matrix{double}, int, RiemannRule)"/>.
    /// </summary>
    /// <param name="model">The differentiable model.</param>
    /// <param name="input">The samples to explain, n x d.</param>
    /// <param name="target">The output column to explain.</param>
    /// <param name="baseline">The baseline x', length d.</param>
    /// <param name="steps">The number of intervals; at least 1.</param>
    /// <param name="rule">The quadrature rule.</param>
    /// <returns>The attributions and the completeness gap per sample.</returns>
    /// <exception cref="ArgumentException">As for the matrix overload (a baseline of length other than d).</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for the matrix overload.</exception>
    /// <exception cref="InvalidOperationException">As for the matrix overload.</exception>
    public static IntegratedGradientsResult Compute(Func<Variable, Variable> model, Matrix<double> input, int target,
        Vector<double> baseline, int steps = 50, RiemannRule rule = RiemannRule.Midpoint)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return Compute(model, input, target, baseline.ToRowMatrix(), steps, rule);
    }

    /// <summary>The nodes alpha_k and weights w_k of a rule with m intervals (see <see cref="RiemannRule"/>).</summary>
    internal static (double[] Alphas, double[] Weights) Nodes(RiemannRule rule, int m)
    {
        var h = 1.0 / m;
        return rule switch
        {
            RiemannRule.Left => (Enumerable.Range(0, m).Select(k => k * h).ToArray(), Enumerable.Repeat(h, m).ToArray()),
            RiemannRule.Right => (Enumerable.Range(1, m).Select(k => k * h).ToArray(), Enumerable.Repeat(h, m).ToArray()),
            RiemannRule.Midpoint => (Enumerable.Range(0, m).Select(k => (k + 0.5) * h).ToArray(), Enumerable.Repeat(h, m).ToArray()),
            RiemannRule.Trapezoid => (Enumerable.Range(0, m + 1).Select(k => k * h).ToArray(),
                Enumerable.Range(0, m + 1).Select(k => k == 0 || k == m ? h / 2 : h).ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, $"IntegratedGradients: unknown rule {rule}."),
        };
    }
}
