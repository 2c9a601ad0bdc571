using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// Gradient clipping, applied between <c>Backward()</c> and <c>Step()</c> to stop one huge gradient (an exploding
/// recurrent or deep network) from throwing the parameters far away (Pascanu, Mikolov &amp; Bengio, ICML 2013).
/// </summary>
public static class GradientClipping
{
    /// <summary>
    /// If the global norm ||g|| = sqrt(sum over all parameters of sum g^2) exceeds maxNorm, scales every gradient by
    /// maxNorm / ||g||, which keeps the direction. Returns the norm before clipping. Parameters without a gradient
    /// are ignored.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">maxNorm is not positive.</exception>
    public static double ClipByGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0.0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, $"ClipByGlobalNorm: maxNorm must be positive, but is {maxNorm}.");
        var gradients = parameters.Where(p => p.Grad is not null).Select(p => (DenseMatrix)p.Grad!).ToList();
        var sumOfSquares = gradients.Sum(g => TensorPrimitives.SumOfSquares<double>(g.Values));
        var norm = Math.Sqrt(sumOfSquares);
        if (norm > maxNorm)
        {
            var scale = maxNorm / norm;
            foreach (var g in gradients) TensorPrimitives.Multiply(g.Values, scale, g.Values);
        }

        return norm;
    }

    /// <summary>Clamps every gradient entry to [-clip, clip] (changes the direction; simple and robust).</summary>
    /// <exception cref="ArgumentOutOfRangeException">clip is not positive.</exception>
    public static void ClipByValue(IEnumerable<Parameter> parameters, double clip)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(clip > 0.0)) throw new ArgumentOutOfRangeException(nameof(clip), clip, $"ClipByValue: clip must be positive, but is {clip}.");
        foreach (var parameter in parameters)
        {
            if (parameter.Grad is not DenseMatrix g) continue;
            TensorPrimitives.Clamp(g.Values, -clip, clip, g.Values);
        }
    }
}
