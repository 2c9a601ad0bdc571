using System.Globalization;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Regularization;

/// <summary>
/// Layer normalisation (Ba, Kiros &amp; Hinton, "Layer Normalization", arXiv:1607.06450, 2016): each sample
/// (row) is normalised by the mean and variance of its own features, then scaled and shifted per feature.
/// <code>
/// mu_i = (1/D) sum_j x_ij,   var_i = (1/D) sum_j (x_ij - mu_i)^2                     (biased, over D features)
/// y_ij = gamma_j (x_ij - mu_i) / sqrt(var_i + eps) + beta_j
/// </code>
/// </summary>
/// <remarks>
/// <para>Unlike <see cref="BatchNorm"/> it uses no batch statistics: it behaves the same in training and
/// evaluation, keeps no running state, and works for a batch of one row. It is batch norm's normalisation
/// applied to the transpose (statistics per row instead of per column), and is computed exactly so: the same
/// op and the same backward rule, dx = (1/sigma) (g - mean_j g - xhat .* mean_j(g .* xhat)) per row with
/// g = dL/dxhat.</para>
/// <para>Shapes: input N x features, output N x features; <see cref="Weight"/> (gamma) and <see cref="Bias"/>
/// (beta) are 1 x features, starting at ones and zeros (PyTorch's torch.nn.LayerNorm with
/// elementwise_affine).</para>
/// </remarks>
public sealed class LayerNorm : Module
{
    /// <summary>Creates the layer for <paramref name="features"/> columns.</summary>
    /// <param name="features">The number of features D (columns) of the input.</param>
    /// <param name="epsilon">Added to the variance before the square root, &gt; 0 (default 1e-5, as PyTorch).</param>
    /// <param name="affine">Whether to learn gamma and beta; without them y = xhat.</param>
    /// <exception cref="ArgumentOutOfRangeException">features is not positive, or epsilon is not positive and finite.</exception>
    public LayerNorm(int features, double epsilon = 1e-5, bool affine = true)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), features, $"LayerNorm: features = {features} must be positive.");
        if (!(epsilon > 0.0 && double.IsFinite(epsilon)))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"LayerNorm: epsilon = {epsilon.ToString("R", CultureInfo.InvariantCulture)} must be positive and finite.");
        }

        (Features, Epsilon) = (features, epsilon);
        if (affine)
        {
            Weight = RegisterParameter("weight", new Parameter(DenseMatrix.Create(1, features, 1.0), "weight"));
            Bias = RegisterParameter("bias", new Parameter(new DenseMatrix(1, features), "bias"));
        }
    }

    /// <summary>The number of features D (columns).</summary>
    public int Features { get; }

    /// <summary>The constant added to the variance before the square root.</summary>
    public double Epsilon { get; }

    /// <summary>The scale gamma (1 x features), or null when created with affine = false.</summary>
    public Parameter? Weight { get; }

    /// <summary>The shift beta (1 x features), or null when created with affine = false.</summary>
    public Parameter? Bias { get; }

    /// <summary>Normalises every row by its own mean and variance, then scales and shifts each feature.</summary>
    /// <exception cref="ArgumentException">The input does not have <see cref="Features"/> columns.</exception>
    public override Variable Forward(Variable input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns != Features)
        {
            throw new ArgumentException($"LayerNorm: input is {input.Shape}, but the layer expects {Features} features (columns).", nameof(input));
        }

        var normalized = Standardization.PerColumn(input.Transpose(), Epsilon).Normalized.Transpose();
        return Weight is null || Bias is null ? normalized : normalized.MultiplyRowVector(Weight).AddRowVector(Bias);
    }
}
