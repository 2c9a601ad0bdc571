using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Exercises;

/// <summary>Worked solutions of exercises 1.5 and 1.6.</summary>
public static class NeuralNetworksExercises
{
    /// <summary>
    /// Exercise 1.5: with p = softmax(z), d(-ln p_y)/dz_j = p_j - [j = y], because ln p_y = z_y - ln sum e^z and
    /// d(ln sum e^z)/dz_j = p_j. Averaging over n rows divides by n.
    /// </summary>
    public static Matrix<double> SoftmaxCrossEntropyGradient(Matrix<double> logits, int[] labels)
    {
        var gradient = logits.Clone();
        for (var i = 0; i < logits.RowCount; i++)
        {
            var row = logits.Row(i);
            var max = row.Maximum();
            var exps = row.Map(z => Math.Exp(z - max));
            var probabilities = exps / exps.Sum();
            probabilities[labels[i]] -= 1.0;
            gradient.SetRow(i, probabilities / logits.RowCount);
        }

        return gradient;
    }

    /// <summary>Exercise 1.6: a^2 / 3 = 2 / (fanIn + fanOut) gives a = sqrt(6 / (fanIn + fanOut)).</summary>
    public static double GlorotUniformBound(int fanIn, int fanOut) => Math.Sqrt(6.0 / (fanIn + fanOut));
}
