using System.Globalization;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;

namespace MlMath.Regularization;

/// <summary>
/// The max-norm constraint (Srivastava et al., JMLR 2014, sec. 5.1): after every optimizer step, the vector of
/// weights coming into each unit is projected back onto the ball of radius c,
/// <code>
/// w_j &lt;- w_j min(1, c / ||w_j||_2)
/// </code>
/// </summary>
/// <remarks>
/// <para>With this library's convention y = x W (W is inFeatures x outFeatures), the weights into output unit
/// j are <b>column</b> j of W, so the constraint bounds each column's Euclidean norm. The projection is the
/// exact Euclidean projection onto the constraint set, so SGD followed by it is projected gradient descent.
/// Srivastava et al. found it works especially well with dropout and large learning rates (typical c: 3 to 4).</para>
/// <para>It is a constraint, not a penalty: nothing is added to the loss and weights inside the ball are left
/// bit-for-bit unchanged. Apply it to weight matrices only, outside any graph that still needs the old values
/// (after <c>optimizer.Step()</c>).</para>
/// </remarks>
public sealed class MaxNormConstraint
{
    /// <summary>Creates the constraint ||w_j||_2 &lt;= <paramref name="maxNorm"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">maxNorm is not positive and finite.</exception>
    public MaxNormConstraint(double maxNorm)
    {
        if (!(maxNorm > 0.0 && double.IsFinite(maxNorm)))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, $"MaxNormConstraint: maxNorm = {maxNorm.ToString("R", CultureInfo.InvariantCulture)} must be positive and finite.");
        }

        MaxNorm = maxNorm;
    }

    /// <summary>The radius c.</summary>
    public double MaxNorm { get; }

    /// <summary>Rescales every column whose norm exceeds c to norm c, in place.</summary>
    /// <param name="weights">The weight matrices (inFeatures x outFeatures) to constrain.</param>
    /// <returns>How many columns were rescaled, over all the matrices.</returns>
    public int Apply(IEnumerable<Parameter> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var rescaled = 0;
        foreach (var weight in weights)
        {
            ArgumentNullException.ThrowIfNull(weight, nameof(weights));
            var values = ((DenseMatrix)weight.Value).Values;
            var rows = weight.Rows;
            for (var j = 0; j < weight.Columns; j++)
            {
                var column = values.AsSpan(j * rows, rows);
                var norm = System.Numerics.Tensors.TensorPrimitives.Norm<double>(column);
                if (norm <= MaxNorm) continue;
                System.Numerics.Tensors.TensorPrimitives.Multiply(column, MaxNorm / norm, column);
                rescaled++;
            }
        }

        return rescaled;
    }

    /// <summary>Constrains a single weight matrix; see <see cref="Apply(IEnumerable{Parameter})"/>.</summary>
    public int Apply(Parameter weight) => Apply([weight]);
}
