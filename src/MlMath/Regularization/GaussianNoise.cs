using System.Globalization;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Regularization;

/// <summary>
/// Additive Gaussian noise: in training y = x + sigma z with z ~ N(0, 1) independently per entry; in evaluation
/// the identity.
/// </summary>
/// <remarks>
/// <para>Training with small input noise is, to first order, Tikhonov regularisation: it penalises the
/// squared gradient of the output with respect to the input (Bishop, "Training with Noise is Equivalent to
/// Tikhonov Regularization", Neural Computation 7(1), 1995). E[y] = x, Var(y) = sigma^2.</para>
/// <para>Backward: dx = g (the noise is a constant). The noise is drawn from the <see cref="Random"/> given at
/// construction by <see cref="Initializers.Normal"/> (Box-Muller, column-major): the same seed gives the
/// same noise. Shapes: output = input.</para>
/// </remarks>
public sealed class GaussianNoise : Module
{
    private readonly Random _random;

    /// <summary>Creates the layer.</summary>
    /// <param name="standardDeviation">sigma, &gt;= 0 and finite; 0 is the identity.</param>
    /// <param name="random">The source of the noise.</param>
    /// <exception cref="ArgumentOutOfRangeException">sigma is negative or not finite.</exception>
    public GaussianNoise(double standardDeviation, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(standardDeviation >= 0.0 && double.IsFinite(standardDeviation)))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation,
                $"GaussianNoise: standardDeviation = {standardDeviation.ToString("R", CultureInfo.InvariantCulture)} must be non-negative and finite.");
        }

        (StandardDeviation, _random) = (standardDeviation, random);
    }

    /// <summary>The noise's standard deviation sigma.</summary>
    public double StandardDeviation { get; }

    /// <summary>Training: x + sigma z; evaluation (or sigma = 0, or an empty input): the input itself.</summary>
    public override Variable Forward(Variable input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!IsTraining || StandardDeviation == 0.0 || input.Rows == 0 || input.Columns == 0) return input;
        return input + Variable.Constant(Initializers.Normal(input.Rows, input.Columns, StandardDeviation, _random));
    }
}
