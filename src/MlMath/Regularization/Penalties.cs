using System.Globalization;
using MlMath.Autodiff;

namespace MlMath.Regularization;

/// <summary>
/// Parameter-norm penalties as differentiable functions of the parameters: add the returned 1x1 Variable to
/// the data loss, and its gradient joins the data gradient in the same backward pass.
/// </summary>
/// <remarks>
/// <para>A penalty is a prior in disguise: minimising loss + Omega(w) is maximum a posteriori estimation with
/// the prior p(w) proportional to exp(-n Omega(w)) when the loss is the mean negative log-likelihood of n samples.
/// The L2 penalty corresponds to a Gaussian prior, L1 to a Laplace prior (Goodfellow, Bengio &amp; Courville,
/// Deep Learning, sec. 7.1; Bishop, Pattern Recognition and Machine Learning, sec. 3.3).</para>
/// <para>Biases are usually left out (pass only the weight matrices): they do not make the model more
/// flexible with respect to its input, and a zero-mean prior on them only shifts the outputs.</para>
/// <para>Weight decay in the optimizers (<c>Sgd</c>, <c>Adam</c>'s weightDecay) adds lambda w to the gradient,
/// which is exactly the gradient of <see cref="L2"/> with the same lambda; <c>AdamW</c>'s decoupled decay is
/// not (Loshchilov &amp; Hutter, ICLR 2019).</para>
/// </remarks>
public static class Penalties
{
    /// <summary>
    /// Omega(w) = (lambda / 2) sum_k ||W_k||_F^2 (ridge, Tikhonov; Hoerl &amp; Kennard 1970).
    /// Gradient: lambda W_k, so one SGD step multiplies W by (1 - lr lambda) before the data step: weight decay.
    /// </summary>
    /// <exception cref="ArgumentException">No parameters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">lambda is negative or not finite.</exception>
    public static Variable L2(IEnumerable<Variable> parameters, double lambda)
    {
        var list = Check(parameters, lambda, nameof(L2));
        return SumOver(list, w => w.Square().Sum()).MultiplyScalar(0.5 * lambda);
    }

    /// <summary>
    /// Omega(w) = lambda sum_k sum_ij |W_k,ij| (lasso; Tibshirani 1996). Gradient: lambda sign(W), with the
    /// subgradient 0 at 0. It drives small weights to exactly zero (sparsity) when used with a proximal step;
    /// with plain (sub)gradient steps weights oscillate around zero instead.
    /// </summary>
    /// <exception cref="ArgumentException">No parameters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">lambda is negative or not finite.</exception>
    public static Variable L1(IEnumerable<Variable> parameters, double lambda)
    {
        var list = Check(parameters, lambda, nameof(L1));
        return SumOver(list, w => w.Abs().Sum()).MultiplyScalar(lambda);
    }

    /// <summary>
    /// The elastic net (Zou &amp; Hastie, JRSS B 67, 2005), in scikit-learn's parameterisation:
    /// Omega(w) = lambda (r ||w||_1 + (1 - r)/2 ||w||_2^2), so r = 1 is <see cref="L1"/> and r = 0 is <see cref="L2"/>.
    /// </summary>
    /// <param name="parameters">The parameters to penalise.</param>
    /// <param name="lambda">The overall strength, &gt;= 0.</param>
    /// <param name="l1Ratio">r, the share of the L1 term, in [0, 1].</param>
    /// <exception cref="ArgumentException">No parameters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">lambda is negative or not finite, or r is outside [0, 1].</exception>
    public static Variable ElasticNet(IEnumerable<Variable> parameters, double lambda, double l1Ratio)
    {
        var list = Check(parameters, lambda, nameof(ElasticNet));
        if (!(l1Ratio >= 0.0 && l1Ratio <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, $"Penalties.ElasticNet: l1Ratio = {Format(l1Ratio)} must be in [0, 1].");
        }

        return L1(list, lambda * l1Ratio) + L2(list, lambda * (1.0 - l1Ratio));
    }

    private static Variable SumOver(List<Variable> parameters, Func<Variable, Variable> term)
    {
        var total = term(parameters[0]);
        for (var k = 1; k < parameters.Count; k++) total += term(parameters[k]);
        return total;
    }

    private static List<Variable> Check(IEnumerable<Variable> parameters, double lambda, string method)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        if (list.Count == 0) throw new ArgumentException($"Penalties.{method}: no parameters to penalise.", nameof(parameters));
        if (list.Any(p => p is null)) throw new ArgumentException($"Penalties.{method}: a parameter is null.", nameof(parameters));
        if (!(lambda >= 0.0 && double.IsFinite(lambda)))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"Penalties.{method}: lambda = {Format(lambda)} must be non-negative and finite.");
        }

        return list;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
