using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.Data;

namespace MlMath.Explainability;

/// <summary>
/// Local, gradient-based attributions for a differentiable model f: R^d -> R^k: which input features would
/// change output f_c the most if nudged. Each row of the input is one sample and is explained on its own.
/// </summary>
/// <remarks>
/// <para>The model is any function of a Variable batch (pass <c>module.Forward</c>); it must treat rows
/// independently (call <c>Eval()</c> on modules with batch norm or dropout first), since one backward pass
/// with the seed 1 in column c of every row gives all rows' gradients at once.</para>
/// <para>A gradient is a local linear explanation: f_c(x + h) ~ f_c(x) + grad f_c(x) . h. It says nothing
/// about how f got to its value: where the model saturates (a sigmoid far from 0, a ReLU off) the gradient
/// is near zero although the feature matters, which <see cref="IntegratedGradients"/> fixes.</para>
/// </remarks>
public static class GradientAttributions
{
    /// <summary>
    /// Vanilla saliency (Simonyan, Vedaldi &amp; Zisserman, "Deep inside convolutional networks: visualising image
    /// classification models and saliency maps", ICLR workshop 2014, sec. 3): S_ij = d f_c(x_i) / d x_ij, or
    /// |d f_c(x_i) / d x_ij| with <paramref name="absolute"/> (the paper's map is the absolute value).
    /// </summary>
    /// <param name="model">The differentiable model, mapping n x d inputs to n x k outputs.</param>
    /// <param name="input">The samples to explain, n x d, finite.</param>
    /// <param name="target">The output column c to explain (e.g. a class logit).</param>
    /// <param name="absolute">Whether to return the absolute gradient.</param>
    /// <returns>An n x d matrix of attributions, one row per sample.</returns>
    /// <exception cref="ArgumentException">The input is empty or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is not an output column.</exception>
    /// <exception cref="InvalidOperationException">The model does not return one row per input row.</exception>
    public static Matrix<double> Saliency(Func<Variable, Variable> model, Matrix<double> input, int target, bool absolute = false)
    {
        ModelGradient.CheckArguments(model, input, target, "Saliency");
        var gradient = ModelGradient.OfTarget(model, input, target, "Saliency");
        return absolute ? gradient.PointwiseAbs() : gradient;
    }

    /// <summary>
    /// Gradient x input (Shrikumar et al., "Not just a black box", 2016; Ancona et al., ICLR 2018):
    /// A_ij = x_ij d f_c(x_i) / d x_ij. For a linear model f(x) = w . x + b it is w_j x_j exactly, so the
    /// attributions sum to f(x) - f(0).
    /// </summary>
    /// <param name="model">The differentiable model, mapping n x d inputs to n x k outputs.</param>
    /// <param name="input">The samples to explain, n x d, finite.</param>
    /// <param name="target">The output column to explain.</param>
    /// <returns>An n x d matrix of attributions.</returns>
    /// <exception cref="ArgumentException">The input is empty or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is not an output column.</exception>
    /// <exception cref="InvalidOperationException">The model does not return one row per input row.</exception>
    public static Matrix<double> GradientTimesInput(Func<Variable, Variable> model, Matrix<double> input, int target)
    {
        ModelGradient.CheckArguments(model, input, target, "GradientTimesInput");
        return ModelGradient.OfTarget(model, input, target, "GradientTimesInput").PointwiseMultiply(input);
    }

    /// <summary>
    /// SmoothGrad (Smilkov et al., "SmoothGrad: removing noise by adding noise", 2017, eq. 3): the saliency map
    /// averaged over noisy copies of the input,
    /// <c>M_i = (1/N) sum_{s=1}^{N} grad f_c(x_i + eps_s)</c>, eps_s ~ N(0, sigma_i^2 I), with
    /// sigma_i = noiseLevel (max_j x_ij - min_j x_ij): the noise level is a fraction of the sample's value range
    /// (the paper recommends 10 to 20 percent).
    /// </summary>
    /// <remarks>The noise is drawn from <paramref name="random"/> entry by entry, samples in order, row by row
    /// (Box-Muller, two draws per entry), so a seed reproduces the map bit for bit.</remarks>
    /// <param name="model">The differentiable model, mapping n x d inputs to n x k outputs.</param>
    /// <param name="input">The samples to explain, n x d, finite.</param>
    /// <param name="target">The output column to explain.</param>
    /// <param name="noiseLevel">sigma as a fraction of each sample's value range; at least 0 (0 gives plain saliency).</param>
    /// <param name="sampleCount">N, the number of noisy copies; at least 1.</param>
    /// <param name="random">The source of the noise.</param>
    /// <param name="absolute">Whether to return the absolute value of the averaged gradient.</param>
    /// <returns>An n x d matrix of attributions.</returns>
    /// <exception cref="ArgumentException">The input is empty or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is not an output column, the noise level is negative
    /// or not finite, or the sample count is below 1.</exception>
    /// <exception cref="InvalidOperationException">The model does not return one row per input row.</exception>
    public static Matrix<double> SmoothGrad(Func<Variable, Variable> model, Matrix<double> input, int target, double noiseLevel,
        int sampleCount, Random random, bool absolute = false)
    {
        const string method = "SmoothGrad";
        ModelGradient.CheckArguments(model, input, target, method);
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(noiseLevel) || noiseLevel < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(noiseLevel), noiseLevel, string.Create(CultureInfo.InvariantCulture,
                $"{method}: noiseLevel must be a finite fraction of the value range, at least 0; got {noiseLevel}."));
        }

        ExplainabilityChecks.AtLeast(sampleCount, 1, method, nameof(sampleCount));
        var (n, d) = (input.RowCount, input.ColumnCount);
        var sigma = new double[n];
        for (var i = 0; i < n; i++)
        {
            var row = input.Row(i);
            sigma[i] = noiseLevel * (row.Maximum() - row.Minimum());
        }

        var sum = Matrix<double>.Build.Dense(n, d);
        for (var s = 0; s < sampleCount; s++)
        {
            var noisy = Matrix<double>.Build.Dense(n, d);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < d; j++) noisy[i, j] = input[i, j] + (sigma[i] * Gaussian.Sample(random));
            }

            sum += ModelGradient.OfTarget(model, noisy, target, method);
        }

        var mean = sum / sampleCount;
        return absolute ? mean.PointwiseAbs() : mean;
    }
}
