using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.LinearAlgebra;

namespace MlMath.Autodiff;

// The fully connected layer on several cores, each core owning whole columns of the output from the bias to the
// activation and, in the backward pass, the same columns of g .* act'(y), of dW and of db.
//
// Why: computed as separate steps, each split across cores its own way (the product by rows, the activation by
// halves of the array, the two backward products one per core), a core's share of one step was largely what the
// other core had just written. A core that writes a cache line the other core holds must first take it back, at
// 20-50 ns a line on this project's machine (docs/benchmarks.md, "cache lines between cores"): more than the
// arithmetic on that line. In column blocks almost every line is written by one core only, and read by the other
// at most once.
public partial class Variable
{
    /// <summary>
    /// Whether Affine runs in column blocks: dense operands, at least two register tiles of output columns, and a
    /// product of at least <see cref="GemmDriver.ParallelThreshold"/> multiply-adds or a tanh or sigmoid over at
    /// least 4096 entries (where the activation alone is worth two cores).
    /// </summary>
    /// <remarks>The choice depends on the shapes only, never on the number of cores, so the bits do not either (see
    /// <see cref="MatrixProduct.MultiplyAddPart"/>).</remarks>
    private static bool InColumnBlocks(Variable x, Variable weight, FusedActivation activation)
    {
        int rows = x.Rows, inner = x.Columns, columns = weight.Columns;
        if (x.Value is not DenseMatrix || weight.Value is not DenseMatrix || rows == 0 || inner == 0) return false;
        if (columns < 2 * MatrixProduct.ColumnBlockWidth(rows)) return false;
        bool largeProduct = (long)rows * inner * columns >= GemmDriver.ParallelThreshold;
        bool costlyActivation = activation is FusedActivation.Tanh or FusedActivation.Sigmoid && (long)rows * columns >= 4096;
        return largeProduct || costlyActivation;
    }

    /// <summary>Runs <paramref name="block"/>(first, last) over the columns 0..columns-1 cut into whole blocks of
    /// <paramref name="width"/>, one part per core.</summary>
    private static void ForColumnBlocks(int columns, int width, Action<int, int> block)
    {
        int parts = Math.Max(1, Math.Min((columns + width - 1) / width, WorkSharing.HelperCount + 1));
        WorkSharing.For(parts, part =>
        {
            var (first, last) = ColumnPart(columns, width, part, parts);
            if (last > first) block(first, last);
        });
    }

    /// <summary>Columns first..last-1 of part <paramref name="part"/> of <paramref name="parts"/>: whole blocks of
    /// <paramref name="width"/> columns (the last may be short), as evenly shared as whole blocks allow.</summary>
    private static (int First, int Last) ColumnPart(int columns, int width, int part, int parts)
    {
        int blocks = (columns + width - 1) / width;
        return (Math.Min(columns, blocks * part / parts * width), Math.Min(columns, blocks * (part + 1) / parts * width));
    }

    /// <summary>y = act(b + x W), each core writing its own columns of y from start to finish.</summary>
    private static void AffineForwardInColumnBlocks(DenseMatrix x, DenseMatrix weight, double[]? b, DenseMatrix y, FusedActivation activation)
    {
        int rows = y.RowCount;
        ForColumnBlocks(y.ColumnCount, MatrixProduct.ColumnBlockWidth(rows), (first, last) =>
        {
            StartWithBias(y.Values, b, rows, first, last);
            MatrixProduct.MultiplyAddPart(x, false, weight, false, y, first, last - first, 0, x.ColumnCount);
            Activate(y.Values.AsSpan(first * rows, (last - first) * rows), activation);
        });
    }

    /// <summary>
    /// The backward rule of <see cref="Affine"/> without a graph of the gradients, in two halves of the output
    /// columns, one per core: for its columns, each half computes gz = g .* act'(y), db (column sums of gz),
    /// dW = x^T gz, and its share of dx = gz W^T, the partial product over those columns. dx is then the first
    /// half's partial plus the second's.
    /// </summary>
    /// <remarks>
    /// Each core reads only its own columns of W here, the columns whose output it computed in the forward pass
    /// and whose update the optimizer gives it (AdamUpdate splits a weight matrix the same way), so W's cache lines
    /// never change cores. There are always two halves, whatever the number of cores, so dx is always the same sum.
    /// </remarks>
    private static Variable?[] AffineBackwardInColumnBlocks(Variable g, Variable x, Variable weight, Variable? bias, Variable y, FusedActivation activation)
    {
        int rows = x.Rows, inner = x.Columns, columns = weight.Columns;
        var gValues = DenseKernels.ValuesOf(g.Value);
        var yValues = ((DenseMatrix)y.Value).Values;
        var gz = activation == FusedActivation.Identity ? DenseKernels.AsDense(g.Value) : DenseKernels.Uninitialized(rows, columns);
        var gzVariable = Constant(gz);
        ProductDestination? weightGradient = weight.RequiresGrad ? Destination(new(weight, x, true, gzVariable, false)) : null;
        ProductDestination? inputGradient = x.RequiresGrad ? Destination(new(x, gzVariable, false, weight, true)) : null;
        var secondPartial = x.RequiresGrad ? DenseKernels.Uninitialized(rows, inner) : null; // zeroed by the half that fills it
        var biasGradient = bias is { RequiresGrad: true } ? new DenseMatrix(1, columns) : null;
        var xValue = (DenseMatrix)x.Value;
        var weightValue = (DenseMatrix)weight.Value;
        int width = MatrixProduct.ColumnBlockWidth(rows);

        WorkSharing.For(2, half =>
        {
            var (first, last) = ColumnPart(columns, width, half, 2);
            var block = new Range(first * rows, last * rows);
            if (activation != FusedActivation.Identity) ActivationRuleOf(activation)(gValues.AsSpan(block), yValues.AsSpan(block), gz.Values.AsSpan(block));
            if (biasGradient is not null)
            {
                for (int j = first; j < last; j++) biasGradient.Values[j] = System.Numerics.Tensors.TensorPrimitives.Sum<double>(gz.Values.AsSpan(j * rows, rows));
            }

            if (weightGradient is { } w)
            {
                if (w.Clear) Array.Clear(w.Storage.Values, first * inner, (last - first) * inner);
                MatrixProduct.MultiplyAddPart(xValue, true, gz, false, w.Storage, first, last - first, 0, rows); // dW = x^T gz
            }

            if (inputGradient is { } d)
            {
                // The first half adds its partial product into dx itself, the second into a matrix of its own.
                if (half == 0 && d.Clear) Array.Clear(d.Storage.Values);
                if (half == 1) Array.Clear(secondPartial!.Values);
                MatrixProduct.MultiplyAddPart(gz, false, weightValue, true, half == 0 ? d.Storage : secondPartial!, 0, inner, first, last - first);
            }
        });

        if (inputGradient is { } dx)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dx.Storage.Values, secondPartial!.Values, dx.Storage.Values);
            if (secondPartial.Values.Length >= GradientBufferPool.MinimumLength) GradientBufferPool.Return(secondPartial.Values);
        }

        // gz was made here and nothing else holds it (for the identity it is g itself, which is not ours to give back).
        if (activation != FusedActivation.Identity && GradientBufferPool.MadeInPass(gz.Values)) GradientBufferPool.Return(gz.Values);

        var weightResult = weightGradient?.Result;
        return bias is null ? [inputGradient?.Result, weightResult] : [inputGradient?.Result, weightResult, biasGradient is null ? null : Constant(biasGradient)];
    }

    /// <summary>Columns first..last-1 of y (column-major, <paramref name="rows"/> long) set to the bias b_j, or to zero without one.</summary>
    private static void StartWithBias(double[] y, double[]? b, int rows, int first, int last)
    {
        // Column-major: column j of y is one contiguous run of `rows` numbers, all starting at b_j.
        for (int j = first; j < last; j++)
        {
            if (b is null) Array.Clear(y, j * rows, rows);
            else Array.Fill(y, b[j], j * rows, rows);
        }
    }
}
