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
        return FromOp("MatMul", DenseKernels.AsDense(DenseKernels.MatMul(a.Value, b.Value)), [a, b],
            g => [a.RequiresGrad ? MatMulTransposeB(g, b) : null, b.RequiresGrad ? MatMulTransposeA(a, g) : null]);
    }

    /// <summary>C = A^T B (A is k x m, B is k x n). Backward: dA = B g^T, dB = A g.</summary>
    /// <exception cref="ArgumentException">A and B have different row counts.</exception>
    public static Variable MatMulTransposeA(Variable a, Variable b)
    {
        if (a.Rows != b.Rows) ShapeCheck.Throw("MatMulTransposeA", $"left is {a.Shape}, right is {b.Shape}; A^T B needs equal row counts.");
        return FromOp("MatMulTransposeA", DenseKernels.AsDense(DenseKernels.MatMulTransposeA(a.Value, b.Value)), [a, b],
            g => [a.RequiresGrad ? MatMulTransposeB(b, g) : null, b.RequiresGrad ? MatMul(a, g) : null]);
    }

    /// <summary>C = A B^T (A is m x k, B is n x k). Backward: dA = g B, dB = g^T A.</summary>
    /// <exception cref="ArgumentException">A and B have different column counts.</exception>
    public static Variable MatMulTransposeB(Variable a, Variable b)
    {
        if (a.Columns != b.Columns) ShapeCheck.Throw("MatMulTransposeB", $"left is {a.Shape}, right is {b.Shape}; A B^T needs equal column counts.");
        return FromOp("MatMulTransposeB", DenseKernels.AsDense(DenseKernels.MatMulTransposeB(a.Value, b.Value)), [a, b],
            g => [a.RequiresGrad ? MatMul(g, b) : null, b.RequiresGrad ? MatMulTransposeA(g, a) : null]);
    }
}
