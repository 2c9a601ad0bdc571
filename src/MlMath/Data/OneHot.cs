using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Data;

/// <summary>
/// One-hot encoding of class labels: label y in {0, ..., K-1} becomes the row e_y of the K x K identity, so a
/// batch of n labels becomes an n x K matrix Y with Y[i, y_i] = 1 and zeros elsewhere (the target of a
/// softmax cross-entropy loss).
/// </summary>
public static class OneHot
{
    /// <summary>The n x <paramref name="classCount"/> one-hot matrix of <paramref name="labels"/>.</summary>
    /// <param name="labels">n labels, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">The number of classes K, &gt;= 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, K) or K &lt; 1.</exception>
    public static Matrix<double> Encode(IReadOnlyList<int> labels, int classCount)
    {
        const string method = nameof(OneHot) + "." + nameof(Encode);
        DataChecks.NotNull(labels, method, nameof(labels));
        DataChecks.AtLeast(classCount, 1, method, nameof(classCount));
        var result = Matrix<double>.Build.Dense(labels.Count, classCount);
        for (int i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    string.Create(CultureInfo.InvariantCulture,
                        $"{method}: labels[{i}] is {labels[i]}, outside [0, {classCount}) for classCount {classCount}"));
            }

            result[i, labels[i]] = 1;
        }

        return result;
    }

    /// <summary>
    /// The inverse of <see cref="Encode"/>, and the predicted class of a score matrix: for each row, the index of
    /// its largest entry (the first one on ties).
    /// </summary>
    /// <param name="scores">n x K one-hot rows, probabilities or scores, at least one column, no NaN.</param>
    /// <exception cref="ArgumentException">The matrix has no columns or contains NaN.</exception>
    public static int[] Decode(Matrix<double> scores)
    {
        const string method = nameof(OneHot) + "." + nameof(Decode);
        DataChecks.NotNull(scores, method, nameof(scores));
        if (scores.ColumnCount == 0)
        {
            throw new ArgumentException($"{method}: scores has no columns (scores is {DataChecks.Shape(scores)})", nameof(scores));
        }

        var result = new int[scores.RowCount];
        for (int i = 0; i < scores.RowCount; i++)
        {
            int best = 0;
            for (int k = 0; k < scores.ColumnCount; k++)
            {
                if (double.IsNaN(scores[i, k]))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"{method}: scores has NaN at ({i}, {k}) (scores is {DataChecks.Shape(scores)})"),
                        nameof(scores));
                }

                if (scores[i, k] > scores[i, best])
                {
                    best = k;
                }
            }

            result[i] = best;
        }

        return result;
    }
}
