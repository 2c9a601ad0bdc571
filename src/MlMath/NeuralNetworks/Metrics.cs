using MathNet.Numerics.LinearAlgebra;

namespace MlMath.NeuralNetworks;

/// <summary>Classification metrics.</summary>
public static class Metrics
{
    /// <summary>The index of the largest entry of each row (the first on ties): the predicted class of each sample.</summary>
    public static int[] ArgMaxPerRow(Matrix<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var result = new int[scores.RowCount];
        for (var i = 0; i < scores.RowCount; i++)
        {
            for (var j = 1; j < scores.ColumnCount; j++)
            {
                if (scores[i, j] > scores[i, result[i]]) result[i] = j;
            }
        }

        return result;
    }

    /// <summary>Fraction of positions where predicted equals actual.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length or are empty.</exception>
    public static double Accuracy(IReadOnlyList<int> predicted, IReadOnlyList<int> actual)
    {
        CheckLengths("Accuracy", predicted, actual);
        var correct = 0;
        for (var i = 0; i < actual.Count; i++) if (predicted[i] == actual[i]) correct++;
        return (double)correct / actual.Count;
    }

    /// <summary>C[a, p] = number of samples of actual class a predicted as p (rows: truth, columns: prediction).</summary>
    /// <exception cref="ArgumentException">The arrays differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class is outside 0 .. classCount - 1.</exception>
    public static int[,] ConfusionMatrix(IReadOnlyList<int> predicted, IReadOnlyList<int> actual, int classCount)
    {
        CheckLengths("ConfusionMatrix", predicted, actual);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var counts = new int[classCount, classCount];
        for (var i = 0; i < actual.Count; i++)
        {
            if ((uint)actual[i] >= (uint)classCount || (uint)predicted[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(actual),
                    $"ConfusionMatrix: sample {i} has actual {actual[i]}, predicted {predicted[i]}; classes are 0..{classCount - 1}.");
            }

            counts[actual[i], predicted[i]]++;
        }

        return counts;
    }

    private static void CheckLengths(string metric, IReadOnlyList<int> predicted, IReadOnlyList<int> actual)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        if (predicted.Count != actual.Count || actual.Count == 0)
        {
            throw new ArgumentException($"{metric}: {predicted.Count} predictions for {actual.Count} labels; they must match and be non-empty.");
        }
    }
}
