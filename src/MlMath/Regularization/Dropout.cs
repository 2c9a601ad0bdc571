using System.Globalization;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Regularization;

/// <summary>
/// Inverted dropout (Srivastava, Hinton, Krizhevsky, Sutskever &amp; Salakhutdinov, "Dropout: A Simple Way to
/// Prevent Neural Networks from Overfitting", JMLR 15, 2014): in training every entry is zeroed with
/// probability p and the survivors are scaled by 1/(1 - p); in evaluation the layer is the identity.
/// <code>
/// training:   y_ij = m_ij x_ij / (1 - p),   m_ij ~ Bernoulli(1 - p) independently
/// evaluation: y = x
/// </code>
/// </summary>
/// <remarks>
/// <para>The scaling keeps the expectation: E[y_ij] = (1 - p) x_ij / (1 - p) = x_ij, so the network seen at
/// test time (no dropout) matches the average of the thinned networks trained (the paper scales the weights by
/// 1 - p at test time instead; "inverted" dropout moves that factor into training, as PyTorch does). The
/// variance it adds is Var(y_ij) = x_ij^2 p / (1 - p).</para>
/// <para>Backward: dx = g .* m / (1 - p), the same mask (a constant: the mask does not depend on x).</para>
/// <para>The mask is drawn from the <see cref="Random"/> given at construction, one NextDouble() per entry in
/// column-major order (entry zeroed when the draw is below p): the same seed gives the same masks.
/// Shapes: output = input.</para>
/// </remarks>
public sealed class Dropout : Module
{
    private readonly Random _random;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">The probability of zeroing an entry, in [0, 1); p = 0 is the identity.</param>
    /// <param name="random">The source of the masks.</param>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1) (p = 1 would drop everything and divide by 0).</exception>
    public Dropout(double p, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(p >= 0.0 && p < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Dropout: p = {p.ToString("R", CultureInfo.InvariantCulture)} must be in [0, 1).");
        }

        (P, _random) = (p, random);
    }

    /// <summary>The probability of zeroing an entry.</summary>
    public double P { get; }

    /// <summary>Training: x .* m / (1 - p) with a fresh mask; evaluation (or p = 0): the input itself.</summary>
    public override Variable Forward(Variable input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!IsTraining || P == 0.0) return input;
        var scale = 1.0 / (1.0 - P);
        var mask = new DenseMatrix(input.Rows, input.Columns);
        var values = mask.Values;
        for (var k = 0; k < values.Length; k++) values[k] = _random.NextDouble() < P ? 0.0 : scale;
        return input.PointwiseMultiply(Variable.Constant(mask));
    }
}
