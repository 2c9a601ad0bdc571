using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Data;

namespace MlMath.NeuralNetworks;

/// <summary>
/// Weight initialisers that scale the variance to the layer's fan-in and fan-out, so that the variance of
/// activations (forward) and of gradients (backward) neither explodes nor vanishes with depth.
/// </summary>
/// <remarks>
/// A weight matrix here is fanIn x fanOut (y = x W, rows are samples). With independent zero-mean weights of
/// variance s^2, Var(y_j) = fanIn s^2 Var(x): forward stability wants s^2 = 1 / fanIn, backward stability
/// s^2 = 1 / fanOut. Glorot and Bengio (AISTATS 2010) compromise on s^2 = 2 / (fanIn + fanOut); He et al.
/// (ICCV 2015) double the forward choice, s^2 = 2 / fanIn, because ReLU zeroes half of its inputs.
/// A uniform distribution on [-a, a] has variance a^2 / 3, which gives the uniform bounds below.
/// </remarks>
public static class Initializers
{
    /// <summary>Glorot/Xavier uniform: U(-a, a), a = gain sqrt(6 / (fanIn + fanOut)).</summary>
    public static Matrix<double> GlorotUniform(int fanIn, int fanOut, Random random, double gain = 1.0) =>
        Uniform(fanIn, fanOut, gain * Math.Sqrt(6.0 / (fanIn + fanOut)), random);

    /// <summary>Glorot/Xavier normal: N(0, s^2), s = gain sqrt(2 / (fanIn + fanOut)).</summary>
    public static Matrix<double> GlorotNormal(int fanIn, int fanOut, Random random, double gain = 1.0) =>
        Normal(fanIn, fanOut, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), random);

    /// <summary>He/Kaiming uniform (for ReLU): U(-a, a), a = sqrt(6 / fanIn).</summary>
    public static Matrix<double> HeUniform(int fanIn, int fanOut, Random random) =>
        Uniform(fanIn, fanOut, Math.Sqrt(6.0 / fanIn), random);

    /// <summary>He/Kaiming normal (for ReLU): N(0, s^2), s = sqrt(2 / fanIn).</summary>
    public static Matrix<double> HeNormal(int fanIn, int fanOut, Random random) =>
        Normal(fanIn, fanOut, Math.Sqrt(2.0 / fanIn), random);

    /// <summary>All zeros (biases).</summary>
    public static Matrix<double> Zeros(int rows, int columns)
    {
        CheckShape(rows, columns);
        return new DenseMatrix(rows, columns);
    }

    /// <summary>Entries drawn from U(-bound, bound), filled column by column from <paramref name="random"/>.</summary>
    public static Matrix<double> Uniform(int rows, int columns, double bound, Random random)
    {
        CheckShape(rows, columns);
        ArgumentNullException.ThrowIfNull(random);
        var result = new DenseMatrix(rows, columns);
        for (var k = 0; k < result.Values.Length; k++) result.Values[k] = bound * (2.0 * random.NextDouble() - 1.0);
        return result;
    }

    /// <summary>Entries drawn from N(0, std^2) by the Box-Muller transform (both variates used).</summary>
    public static Matrix<double> Normal(int rows, int columns, double std, Random random)
    {
        CheckShape(rows, columns);
        ArgumentNullException.ThrowIfNull(random);
        var result = new DenseMatrix(rows, columns);
        Gaussian.Fill(random, result.Values, std);

        return result;
    }

    private static void CheckShape(int rows, int columns)
    {
        if (rows <= 0 || columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"Initializers: shape {rows}x{columns} must be positive in both dimensions.");
        }
    }
}
