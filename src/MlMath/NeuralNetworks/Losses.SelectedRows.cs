using System.Globalization;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.LinearAlgebra;

namespace MlMath.NeuralNetworks;

// Cross-entropy over some rows of a larger matrix of logits, as one op: semi-supervised node classification scores
// all nodes but has labels for few (Cora: 140 of 2708).
public static partial class Losses
{
    /// <summary>
    /// Softmax cross-entropy over the selected rows of the logits: L = -1/m sum_k log softmax(x[r_k, :])[y_k] for
    /// r = <paramref name="rows"/> and y = <paramref name="labels"/> (m of each). The same value and gradient, to the
    /// last bit, as <c>SoftmaxCrossEntropy(logits.GatherRows(rows), labels)</c>, as one op instead of six.
    /// </summary>
    /// <remarks>
    /// Backward: dL/dx[r_k, j] = (G/m) (softmax(x[r_k, :])_j - [j = y_k]) for the incoming gradient G (summed when a row
    /// is selected twice); rows not selected get 0. The arithmetic follows the composition step by step (log-softmax
    /// row by row as <see cref="StableFunctions.LogSoftmaxRows"/>, the one-hot product, the sum, the scale, and
    /// the chain of their rules) so that the bits are the same; the composition took about 0.1 ms of a 1 ms GCN epoch
    /// on Cora in six ops and MathNet conversions. With <c>createGraph</c> the rule differentiates the composition.
    /// </remarks>
    /// <exception cref="ArgumentException">rows and labels differ in length, or are empty; a selected row is all
    /// -infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside 0 .. rows - 1 or a label outside 0 .. classes - 1.</exception>
    public static Variable SoftmaxCrossEntropy(Variable logits, IReadOnlyList<int> rows, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        var classes = logits.Columns;
        var selected = ShapeCheck.Indices(nameof(SoftmaxCrossEntropy), nameof(rows), rows, logits.Rows, "rows");
        var target = ShapeCheck.Indices(nameof(SoftmaxCrossEntropy), nameof(labels), labels, classes, "classes");
        if (target.Length != selected.Length || selected.Length == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"SoftmaxCrossEntropy: {selected.Length} rows and {target.Length} labels; one label per selected row, at least one, is needed."), nameof(labels));
        }

        var (n, m) = (logits.Rows, selected.Length);
        var x = DenseKernels.ValuesOf(logits.Value);
        var logProbabilities = new double[m * classes]; // m x classes, column-major, as LogSoftmaxRows(GatherRows(...)) holds them
        var picked = new double[m * classes];           // the label's log-probability in each row, the others times 0
        Span<double> row = classes <= 64 ? stackalloc double[classes] : new double[classes];
        for (var k = 0; k < m; k++)
        {
            for (var j = 0; j < classes; j++) row[j] = x[j * n + selected[k]];
            StableFunctions.LogSoftmaxInPlace(row, nameof(SoftmaxCrossEntropy), nameof(logits), selected[k]);
            for (var j = 0; j < classes; j++)
            {
                logProbabilities[j * m + k] = row[j];
                picked[j * m + k] = row[j] * (j == target[k] ? 1.0 : 0.0);
            }
        }

        var scale = -1.0 / m;
        var loss = DenseMatrix.Create(1, 1, TensorPrimitives.Sum<double>(picked) * scale);
        return Variable.FromOp("SoftmaxCrossEntropyOfRows", loss, [logits], g => GradMode.IsEnabled
            ? [.. Gradients.Of(SoftmaxCrossEntropy(logits.GatherRows(selected), target), [logits], g, createGraph: true)]
            : [Variable.Constant(SelectedRowsGradient(g.Value[0, 0] * scale, logProbabilities, selected, target, n, classes))]);
    }

    /// <summary>
    /// dL/dx for <see cref="SoftmaxCrossEntropy(Variable, IReadOnlyList{int}, IReadOnlyList{int})"/> given c = G (-1/m):
    /// the rules of the composition in its order, d = c [j = y] - e^(log p) s with s = sum over the row of c [j = y],
    /// scattered into the selected rows of an n x classes zero matrix.
    /// </summary>
    private static DenseMatrix SelectedRowsGradient(double c, double[] logProbabilities, int[] selected, int[] target, int n, int classes)
    {
        var m = selected.Length;
        var probabilities = new double[m * classes];
        VectorMath.Exp(logProbabilities, probabilities);
        var rowSums = new double[m];
        for (var j = 0; j < classes; j++)
        {
            for (var k = 0; k < m; k++) rowSums[k] += c * (j == target[k] ? 1.0 : 0.0);
        }

        var dx = DenseKernels.Zeros(n, classes);
        for (var j = 0; j < classes; j++)
        {
            for (var k = 0; k < m; k++)
            {
                dx.Values[j * n + selected[k]] += c * (j == target[k] ? 1.0 : 0.0) - probabilities[j * m + k] * rowSums[k];
            }
        }

        return dx;
    }
}
