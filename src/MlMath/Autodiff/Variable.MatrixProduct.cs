using MathNet.Numerics.LinearAlgebra.Double;

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
            g => ProductGradients(new(a, g, false, b, true), new(b, a, true, g, false)));
    }

    /// <summary>C = A^T B (A is k x m, B is k x n). Backward: dA = B g^T, dB = A g.</summary>
    /// <exception cref="ArgumentException">A and B have different row counts.</exception>
    public static Variable MatMulTransposeA(Variable a, Variable b)
    {
        if (a.Rows != b.Rows) ShapeCheck.Throw("MatMulTransposeA", $"left is {a.Shape}, right is {b.Shape}; A^T B needs equal row counts.");
        return FromOp("MatMulTransposeA", DenseKernels.MatMulTransposeA(a.Value, b.Value), [a, b],
            g => ProductGradients(new(a, b, false, g, true), new(b, a, false, g, false)));
    }

    /// <summary>C = A B^T (A is m x k, B is n x k). Backward: dA = g B, dB = g^T A.</summary>
    /// <exception cref="ArgumentException">A and B have different column counts.</exception>
    public static Variable MatMulTransposeB(Variable a, Variable b)
    {
        if (a.Columns != b.Columns) ShapeCheck.Throw("MatMulTransposeB", $"left is {a.Shape}, right is {b.Shape}; A B^T needs equal column counts.");
        return FromOp("MatMulTransposeB", DenseKernels.MatMulTransposeB(a.Value, b.Value), [a, b],
            g => ProductGradients(new(a, g, false, b, false), new(b, g, true, a, false)));
    }

    /// <summary>
    /// The gradient op(A) op(B) of a product's parent <see cref="Target"/> (op = transpose or not), as a backward rule
    /// needs it.
    /// </summary>
    internal readonly record struct ProductTerm(Variable Target, Variable A, bool TransposeA, Variable B, bool TransposeB)
    {
        /// <summary>The product's multiply-adds.</summary>
        public long Work => (long)(TransposeA ? A.Columns : A.Rows) * (TransposeB ? B.Rows : B.Columns) * (TransposeA ? A.Rows : A.Columns);
    }

    /// <summary>
    /// The gradients of both parents of a product (null for a parent that needs none). Without a graph of the
    /// gradients, each product goes into the parent's own gradient storage when the pass offers it
    /// (<see cref="LeafGradientSink"/>; null is then returned for it: delivered) or into a new matrix, and when
    /// both products are large they run at the same time, one per core.
    /// </summary>
    /// <remarks>Why side by side: a 128 x 64 x 64 product split across two cores runs at about 60% of their
    /// peak (each core packs its own copy of a factor and they meet at the end), one per core at about 80%, and
    /// a layer's backward rule has two independent products of that size (dX = G W^T, dW = X^T G).</remarks>
    internal static Variable?[] ProductGradients(ProductTerm first, ProductTerm second)
    {
        bool needFirst = first.Target.RequiresGrad, needSecond = second.Target.RequiresGrad;
        if (GradMode.IsEnabled || !needFirst || !needSecond
            || Math.Min(first.Work, second.Work) < LinearAlgebra.GemmDriver.ParallelThreshold || LinearAlgebra.WorkSharing.HelperCount == 0)
        {
            return [needFirst ? ProductGradient(first) : null, needSecond ? ProductGradient(second) : null];
        }

        var firstDestination = Destination(first);
        var secondDestination = Destination(second);
        LinearAlgebra.WorkSharing.For(2, part => (part == 0 ? firstDestination : secondDestination).Compute(part == 0 ? first : second, maxThreads: 1));
        return [firstDestination.Result, secondDestination.Result];
    }

    /// <summary>
    /// Where a product gradient goes: the target's storage in this pass (no Variable) or a new matrix (wrapped in
    /// a constant Variable), and whether it must be zeroed first (the kernel adds to what is there).
    /// </summary>
    private static ProductDestination Destination(ProductTerm term)
    {
        if (LeafGradientSink.TryTake(term.Target, out var storage, out var overwrite)) return new(null, storage, overwrite);

        var product = DenseKernels.Uninitialized(
            term.TransposeA ? term.A.Columns : term.A.Rows, term.TransposeB ? term.B.Rows : term.B.Columns);
        return new(Constant(product), product, true);
    }

    /// <summary>A product gradient's storage, the Variable to return for it (null when it went into a leaf's own
    /// storage) and whether the storage must be zeroed before the product is added into it.</summary>
    private readonly record struct ProductDestination(Variable? Result, DenseMatrix Storage, bool Clear)
    {
        /// <summary>
        /// Zeroes the storage if needed, then adds the product into it, both on the calling thread.
        /// </summary>
        /// <remarks>Why both here: when the two products of a layer run side by side, each core then writes only its
        /// own result. Zeroing a result on one core and filling it on the other moves each of its cache lines from
        /// core to core twice; on this project's machine, reclaiming a line another core holds costs 20-50 ns, about
        /// 5-10 us for a 64 x 64 weight gradient (docs/benchmarks.md, "cache lines between cores").</remarks>
        public void Compute(ProductTerm term, int? maxThreads = null)
        {
            if (Clear) Array.Clear(Storage.Values);
            LinearAlgebra.MatrixProduct.Compute(term.A.Value, term.TransposeA, term.B.Value, term.TransposeB, Storage, maxThreads: maxThreads);
        }
    }

    /// <summary>One product gradient: a graph node when a graph of the gradients is being recorded, else as
    /// <see cref="ProductGradients"/> describes, on all cores.</summary>
    internal static Variable? ProductGradient(ProductTerm term)
    {
        if (!GradMode.IsEnabled)
        {
            var destination = Destination(term);
            destination.Compute(term);
            return destination.Result;
        }

        return (term.TransposeA, term.TransposeB) switch
        {
            (false, false) => MatMul(term.A, term.B),
            (true, false) => MatMulTransposeA(term.A, term.B),
            (false, true) => MatMulTransposeB(term.A, term.B),
            _ => throw new ArgumentException("ProductGradient: A^T B^T is not needed by any rule."),
        };
    }
}
