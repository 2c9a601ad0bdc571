using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.NeuralNetworks;

/// <summary>
/// Loss functions, each a 1x1 Variable averaged over the batch, built from differentiable operations (so
/// gradients, and gradients of gradients, come from the engine).
/// </summary>
/// <remarks>
/// Cross-entropy is maximum likelihood: for a model that outputs class probabilities p(y | x), the average
/// negative log-likelihood -1/n sum_i ln p(y_i | x_i) is minimised exactly when the likelihood of the labels
/// is maximised (Goodfellow, Bengio &amp; Courville, Deep Learning, sec. 5.5 and 6.2.2). Working from logits
/// (unnormalised scores) through log-softmax or softplus keeps it finite when probabilities underflow.
/// </remarks>
public static partial class Losses
{
    /// <summary>MSE = mean over all entries of (prediction - target)^2.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Variable MeanSquaredError(Variable prediction, Variable target)
    {
        SameShape("MeanSquaredError", prediction, target);
        return (prediction - target).Square().Mean();
    }

    /// <summary>
    /// Huber loss (Huber 1964), mean over entries of 0.5 r^2 for |r| &lt;= delta and delta (|r| - delta/2)
    /// beyond, with r = prediction - target: quadratic near zero, linear (robust to outliers) far away.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">delta is not positive.</exception>
    public static Variable Huber(Variable prediction, Variable target, double delta = 1.0)
    {
        SameShape("Huber", prediction, target);
        if (!(delta > 0.0)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber: delta must be positive.");
        var r = prediction - target;
        var inside = DenseMatrix.OfMatrix(r.Value.Map(v => Math.Abs(v) <= delta ? 1.0 : 0.0));
        var outside = DenseMatrix.OfMatrix(inside.Map(v => 1.0 - v));
        var quadratic = r.Square().MultiplyScalar(0.5).PointwiseMultiply(Variable.Constant(inside));
        var linear = (r.Abs() - 0.5 * delta).MultiplyScalar(delta).PointwiseMultiply(Variable.Constant(outside));
        return (quadratic + linear).Mean();
    }

    /// <summary>
    /// Binary cross-entropy from logits z and targets y in [0, 1]: mean of -[y ln s(z) + (1 - y) ln(1 - s(z))],
    /// computed as softplus(z) - y z, which never takes the log of 0.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Variable BinaryCrossEntropyWithLogits(Variable logits, Variable targets)
    {
        SameShape("BinaryCrossEntropyWithLogits", logits, targets);
        return (logits.Softplus() - logits.PointwiseMultiply(targets)).Mean();
    }

    /// <summary>Softmax cross-entropy from logits (n x classes) and integer labels: NLL of log-softmax.</summary>
    /// <exception cref="ArgumentException">The label count differs from the row count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside 0 .. classes - 1.</exception>
    public static Variable SoftmaxCrossEntropy(Variable logits, IReadOnlyList<int> labels) =>
        NegativeLogLikelihood(logits.LogSoftmaxRows(), labels);

    /// <summary>NLL = -1/n sum_i logProbabilities[i, labels[i]], for log-probabilities (n x classes).</summary>
    /// <exception cref="ArgumentException">The label count differs from the row count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside 0 .. classes - 1.</exception>
    public static Variable NegativeLogLikelihood(Variable logProbabilities, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != logProbabilities.Rows)
        {
            throw new ArgumentException($"NegativeLogLikelihood: {labels.Count} labels for {logProbabilities.Shape} scores; one label per row is needed.", nameof(labels));
        }

        var oneHot = new DenseMatrix(logProbabilities.Rows, logProbabilities.Columns);
        for (var i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)logProbabilities.Columns)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"NegativeLogLikelihood: labels[{i}] = {labels[i]} is outside 0..{logProbabilities.Columns - 1}.");
            }

            oneHot[i, labels[i]] = 1.0;
        }

        // Picking entry (i, y_i) of each row is a product with the one-hot mask, summed.
        return logProbabilities.PointwiseMultiply(Variable.Constant(oneHot)).Sum().MultiplyScalar(-1.0 / labels.Count);
    }

    private static void SameShape(string loss, Variable prediction, Variable target)
    {
        if (prediction.Rows != target.Rows || prediction.Columns != target.Columns)
        {
            throw new ArgumentException($"{loss}: prediction is {prediction.Shape}, target is {target.Shape}; they must have the same shape.");
        }
    }
}
