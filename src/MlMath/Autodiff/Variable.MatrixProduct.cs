namespace MlMath.Autodiff;

// Matrix products. The three forms are closed under differentiation: the gradient of each is written with
// the others, so no transpose is ever materialised and double backward works.
public partial class Variable
{
    /// <summary>Matrix product C = A B (A is m x k, B is k x n). Backward: dA = g B^T, dB = A^T g.</summary>
    /// <exception cref="ArgumentException">The inner dimensions differ.</exception>
    public static Variable MatMul(Variable a, Variable b)
    {
        if (a.Columns != b.Rows) ShapeCheck.Throw("MatMul", $"left is {a.Shape}, right is {b.Shape}; left's columns must equal right's rows.");
        return FromOp("MatMul", DenseKernels.MatMul(a.Value, b.Value), [a, b],
            g => [a.RequiresGrad ? ProductGradient(a, g, false, b, true) : null, b.RequiresGrad ? ProductGradient(b, a, true, g, false) : null]);
    }

    /// <summary>C = A^T B (A is k x m, B is k x n). Backward: dA = B g^T, dB = A g.</summary>
    /// <exception cref="ArgumentException">A and B have different row counts.</exception>
    public static Variable MatMulTransposeA(Variable a, Variable b)
    {
        if (a.Rows != b.Rows) ShapeCheck.Throw("MatMulTransposeA", $"left is {a.Shape}, right is {b.Shape}; A^T B needs equal row counts.");
        return FromOp("MatMulTransposeA", DenseKernels.MatMulTransposeA(a.Value, b.Value), [a, b],
            g => [a.RequiresGrad ? ProductGradient(a, b, false, g, true) : null, b.RequiresGrad ? ProductGradient(b, a, false, g, false) : null]);
    }

    /// <summary>C = A B^T (A is m x k, B is n x k). Backward: dA = g B, dB = g^T A.</summary>
    /// <exception cref="ArgumentException">A and B have different column counts.</exception>
    public static Variable MatMulTransposeB(Variable a, Variable b)
    {
        if (a.Columns != b.Columns) ShapeCheck.Throw("MatMulTransposeB", $"left is {a.Shape}, right is {b.Shape}; A B^T needs equal column counts.");
        return FromOp("MatMulTransposeB", DenseKernels.MatMulTransposeB(a.Value, b.Value), [a, b],
            g => [a.RequiresGrad ? ProductGradient(a, g, false, b, false) : null, b.RequiresGrad ? ProductGradient(b, g, true, a, false) : null]);
    }

    /// <summary>
    /// The gradient op(A) op(B) of <paramref name="target"/> (op = transpose or not) in a backward rule. In a plain
    /// <see cref="Backward()"/> pass that offers the target's own gradient storage (<see cref="LeafGradientSink"/>)
    /// the product is written there and null is returned (delivered); otherwise it is a new Variable, a graph node
    /// when a graph of the gradients is being recorded.
    /// </summary>
    internal static Variable? ProductGradient(Variable target, Variable a, bool transposeA, Variable b, bool transposeB)
    {
        if (!GradMode.IsEnabled && LeafGradientSink.TryTake(target, out var storage, out var overwrite))
        {
            if (overwrite) Array.Clear(storage.Values); // the kernel adds to what is there
            LinearAlgebra.MatrixProduct.Compute(a.Value, transposeA, b.Value, transposeB, storage);
            return null;
        }

        return (transposeA, transposeB) switch
        {
            (false, false) => MatMul(a, b),
            (true, false) => MatMulTransposeA(a, b),
            (false, true) => MatMulTransposeB(a, b),
            _ => throw new ArgumentException("ProductGradient: A^T B^T is not needed by any rule."),
        };
    }
}
