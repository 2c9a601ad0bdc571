using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Regularization;

/// <summary>
/// Batch normalisation (Ioffe &amp; Szegedy, "Batch Normalization: Accelerating Deep Network Training by
/// Reducing Internal Covariate Shift", ICML 2015, Algorithm 1 and 2): each feature (column) is normalised by
/// statistics of the mini-batch, then scaled and shifted by learnable gamma and beta.
/// <code>
/// training:   mu_j = (1/N) sum_i x_ij,   var_j = (1/N) sum_i (x_ij - mu_j)^2          (biased)
///             y_ij = gamma_j (x_ij - mu_j) / sqrt(var_j + eps) + beta_j
/// evaluation: y_ij = gamma_j (x_ij - runningMean_j) / sqrt(runningVar_j + eps) + beta_j  (a fixed affine map)
/// </code>
/// </summary>
/// <remarks>
/// <para><b>Running statistics</b> follow PyTorch's convention (torch.nn.BatchNorm1d): <c>momentum</c> is the
/// weight of the <i>new</i> batch, and the running variance uses the unbiased batch variance,
/// <code>
/// runningMean &lt;- (1 - momentum) runningMean + momentum mu
/// runningVar  &lt;- (1 - momentum) runningVar  + momentum var N / (N - 1)
/// </code>
/// starting from runningMean = 0, runningVar = 1, updated at every forward pass in training mode (also under
/// <see cref="GradMode.NoGrad"/>), never in evaluation mode. Keras and TensorFlow use the opposite convention
/// (their momentum 0.99 is the weight of the <i>old</i> value, i.e. PyTorch's 0.01).</para>
/// <para><b>Backward</b>: the full gradient, through the batch mean and variance (they depend on every row):
/// dx = (1/N) gamma/sigma (N dy - sum dy - xhat sum(dy .* xhat)), sigma = sqrt(var + eps); dgamma = sum(dy .* xhat),
/// dbeta = sum dy (sums over the batch). The normalisation is one fused op whose rule is also available in
/// differentiable form, so double backward works.</para>
/// <para>Shapes: input N x features, output N x features; <see cref="Weight"/> (gamma) and <see cref="Bias"/>
/// (beta) are 1 x features, starting at ones and zeros. Parameter names "weight" and "bias", buffer names
/// "running_mean" and "running_var", as in PyTorch, so that checkpoints line up.</para>
/// </remarks>
public sealed class BatchNorm : Module
{
    /// <summary>Creates the layer for <paramref name="features"/> columns.</summary>
    /// <param name="features">The number of features (columns) of the input.</param>
    /// <param name="momentum">Weight of the new batch in the running statistics, in [0, 1] (PyTorch's default 0.1).</param>
    /// <param name="epsilon">Added to the variance before the square root, &gt; 0 (default 1e-5, as PyTorch).</param>
    /// <param name="affine">Whether to learn gamma and beta; without them y = xhat.</param>
    /// <exception cref="ArgumentOutOfRangeException">features is not positive, momentum is outside [0, 1], or
    /// epsilon is not positive and finite.</exception>
    public BatchNorm(int features, double momentum = 0.1, double epsilon = 1e-5, bool affine = true)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), features, $"BatchNorm: features = {features} must be positive.");
        if (!(momentum >= 0.0 && momentum <= 1.0)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"BatchNorm: momentum = {Format(momentum)} must be in [0, 1].");
        if (!(epsilon > 0.0 && double.IsFinite(epsilon))) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"BatchNorm: epsilon = {Format(epsilon)} must be positive and finite.");
        (Features, Momentum, Epsilon) = (features, momentum, epsilon);
        if (affine)
        {
            Weight = RegisterParameter("weight", new Parameter(DenseMatrix.Create(1, features, 1.0), "weight"));
            Bias = RegisterParameter("bias", new Parameter(new DenseMatrix(1, features), "bias"));
        }

        RunningMean = RegisterBuffer("running_mean", new DenseMatrix(1, features));
        RunningVariance = RegisterBuffer("running_var", DenseMatrix.Create(1, features, 1.0));
    }

    /// <summary>The number of features (columns).</summary>
    public int Features { get; }

    /// <summary>The weight of a new batch in the running statistics (PyTorch's convention).</summary>
    public double Momentum { get; }

    /// <summary>The constant added to the variance before the square root.</summary>
    public double Epsilon { get; }

    /// <summary>The scale gamma (1 x features), or null when created with affine = false.</summary>
    public Parameter? Weight { get; }

    /// <summary>The shift beta (1 x features), or null when created with affine = false.</summary>
    public Parameter? Bias { get; }

    /// <summary>The running mean (1 x features): live storage, updated in place in training mode.</summary>
    public Matrix<double> RunningMean { get; }

    /// <summary>The running unbiased variance (1 x features): live storage, updated in place in training mode.</summary>
    public Matrix<double> RunningVariance { get; }

    /// <summary>Normalises with batch statistics (training) or running statistics (evaluation), then scales and shifts.</summary>
    /// <exception cref="ArgumentException">The input does not have <see cref="Features"/> columns, or it has fewer
    /// than two rows in training mode (one row has no variance to normalise by).</exception>
    public override Variable Forward(Variable input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns != Features)
        {
            throw new ArgumentException($"BatchNorm: input is {input.Shape}, but the layer expects {Features} features (columns).", nameof(input));
        }

        Variable normalized;
        if (IsTraining)
        {
            if (input.Rows < 2)
            {
                throw new ArgumentException(
                    $"BatchNorm: in training mode the batch needs at least 2 rows to estimate a variance, but the input is {input.Shape}; use larger batches, or call Eval() to use the running statistics.",
                    nameof(input));
            }

            (normalized, var mean, var variance) = Standardization.PerColumn(input, Epsilon);
            UpdateRunningStatistics(mean, variance, input.Rows);
        }
        else
        {
            var shift = Matrix<double>.Build.Dense(1, Features, (_, j) => -RunningMean[0, j]);
            var scale = Matrix<double>.Build.Dense(1, Features, (_, j) => 1.0 / Math.Sqrt(RunningVariance[0, j] + Epsilon));
            normalized = input.AddRowVector(Variable.Constant(shift)).MultiplyRowVector(Variable.Constant(scale));
        }

        return Weight is null || Bias is null ? normalized : normalized.MultiplyRowVector(Weight).AddRowVector(Bias);
    }

    /// <summary>running &lt;- (1 - momentum) running + momentum batch, with the unbiased variance var N / (N - 1).</summary>
    private void UpdateRunningStatistics(double[] mean, double[] variance, int n)
    {
        for (var j = 0; j < Features; j++)
        {
            RunningMean[0, j] = (1.0 - Momentum) * RunningMean[0, j] + Momentum * mean[j];
            RunningVariance[0, j] = (1.0 - Momentum) * RunningVariance[0, j] + Momentum * variance[j] * n / (n - 1);
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
