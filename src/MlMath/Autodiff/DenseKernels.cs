using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Autodiff;

/// <summary>
/// The array-level work behind the <see cref="Variable"/> operations. Every Variable holds a
/// <see cref="DenseMatrix"/>, whose storage is one column-major <c>double[]</c> (entry (i, j) at
/// <c>i + j * rows</c>); elementwise maps run over that array with <see cref="TensorPrimitives"/>
/// (vectorised, several times faster than MathNet's pointwise methods); matrix products are routed
/// through the three MatMul methods here to <see cref="LinearAlgebra.MatrixProduct"/>, the cache-blocked
/// kernel (about 20 times MathNet's managed product; see docs/benchmarks.md).
/// </summary>
internal static class DenseKernels
{
    /// <summary>The column-major storage of a dense matrix (a copy for any other storage).</summary>
    public static double[] ValuesOf(Matrix<double> m) =>
        m is DenseMatrix dense ? dense.Values : DenseMatrix.OfMatrix(m).Values;

    /// <summary>The matrix itself when dense, else a dense copy.</summary>
    public static DenseMatrix AsDense(Matrix<double> m) => m as DenseMatrix ?? DenseMatrix.OfMatrix(m);

    /// <summary>A zero matrix; large ones may reuse an array from <see cref="GradientBufferPool"/> (cleared here).</summary>
    public static DenseMatrix Zeros(int rows, int columns)
    {
        var result = Uninitialized(rows, columns);
        Array.Clear(result.Values);
        return result;
    }

    /// <summary>
    /// A matrix whose storage is not cleared, for results that the caller overwrites entirely: clearing a
    /// 128x64 result costs about as much as computing an elementwise map into it.
    /// </summary>
    /// <remarks>Large arrays may come from <see cref="GradientBufferPool"/>, with any contents.</remarks>
    public static DenseMatrix Uninitialized(int rows, int columns) =>
        new(rows, columns, GradientBufferPool.Rent(rows * columns));

    public static DenseMatrix Filled(int rows, int columns, double value)
    {
        var result = Uninitialized(rows, columns);
        Array.Fill(result.Values, value);
        return result;
    }

    /// <summary>dx = g .* (1 - y^2), the tanh rule, in one vectorised pass (written g - g y^2 as two fused multiply-adds).</summary>
    public static DenseMatrix TanhBackward(Matrix<double> g, Matrix<double> y) => ActivationBackward(g, y, TanhBackward);

    /// <summary>dx = g .* y .* (1 - y), the sigmoid rule.</summary>
    public static DenseMatrix SigmoidBackward(Matrix<double> g, Matrix<double> y) => ActivationBackward(g, y, SigmoidBackward);

    /// <summary>The tanh rule on spans of equal length: t = g - (g y) y.</summary>
    public static void TanhBackward(ReadOnlySpan<double> g, ReadOnlySpan<double> y, Span<double> t)
    {
        // Unchecked loads (lengths checked here); each lane computes the same fused multiply-adds as the scalar tail,
        // so the result does not depend on the vector width or on where the span starts.
        if (g.Length != t.Length || y.Length != t.Length) throw new ArgumentException("TanhBackward: g and y differ in shape.");
        ref double gr = ref MemoryMarshal.GetReference(g), yr = ref MemoryMarshal.GetReference(y);
        ref double tr = ref MemoryMarshal.GetReference(t);
        var k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k + 8 <= t.Length; k += 8)
            {
                var yk = Vector512.LoadUnsafe(ref yr, (nuint)k);
                var gk = Vector512.LoadUnsafe(ref gr, (nuint)k);
                Vector512.FusedMultiplyAdd(-gk * yk, yk, gk).StoreUnsafe(ref tr, (nuint)k); // g - (g y) y
            }
        }

        for (; k + 4 <= t.Length; k += 4)
        {
            var yk = Vector256.LoadUnsafe(ref yr, (nuint)k);
            var gk = Vector256.LoadUnsafe(ref gr, (nuint)k);
            Vector256.FusedMultiplyAdd(-gk * yk, yk, gk).StoreUnsafe(ref tr, (nuint)k);
        }

        for (; k < t.Length; k++) t[k] = Math.FusedMultiplyAdd(-g[k] * y[k], y[k], g[k]);
    }

    /// <summary>The sigmoid rule on spans of equal length: t = g y (1 - y).</summary>
    public static void SigmoidBackward(ReadOnlySpan<double> g, ReadOnlySpan<double> y, Span<double> t)
    {
        TensorPrimitives.Subtract(1.0, y, t);
        TensorPrimitives.Multiply(y, t, t);
        TensorPrimitives.Multiply(g, t, t);
    }

    /// <summary>The relu rule on spans of equal length, written with the output y = max(x, 0): t = g where y &gt; 0, else 0.</summary>
    public static void ReluBackward(ReadOnlySpan<double> g, ReadOnlySpan<double> y, Span<double> t)
    {
        for (var k = 0; k < t.Length; k++) t[k] = y[k] > 0.0 ? g[k] : 0.0;
    }

    /// <summary>An activation's backward rule on spans: from the incoming gradient g and the output y to g .* act'.</summary>
    public delegate void ActivationRule(ReadOnlySpan<double> g, ReadOnlySpan<double> y, Span<double> result);

    /// <summary>A new matrix holding <paramref name="rule"/>(g, y): an activation's gradient from g and the output y.</summary>
    public static DenseMatrix ActivationBackward(Matrix<double> g, Matrix<double> y, ActivationRule rule)
    {
        var result = Uninitialized(g.RowCount, g.ColumnCount);
        rule(ValuesOf(g), ValuesOf(y), result.Values);
        return result;
    }

    /// <summary>dx = 2 g .* x, the square rule.</summary>
    public static DenseMatrix SquareBackward(Matrix<double> g, Matrix<double> x)
    {
        var result = Uninitialized(g.RowCount, g.ColumnCount);
        var t = result.Values;
        TensorPrimitives.Multiply(ValuesOf(g), ValuesOf(x), t);
        TensorPrimitives.Multiply(t, 2.0, t);
        return result;
    }

    /// <summary>y = map(x), elementwise, with a span kernel such as <c>TensorPrimitives.Exp</c>.</summary>
    public static DenseMatrix Map(Matrix<double> x, SpanMap map)
    {
        var result = Uninitialized(x.RowCount, x.ColumnCount);
        map(ValuesOf(x), result.Values);
        return result;
    }

    /// <summary>z = combine(x, y), elementwise, with a span kernel such as <c>TensorPrimitives.Multiply</c>.</summary>
    public static DenseMatrix Zip(Matrix<double> x, Matrix<double> y, SpanZip combine)
    {
        var result = Uninitialized(x.RowCount, x.ColumnCount);
        combine(ValuesOf(x), ValuesOf(y), result.Values);
        return result;
    }

    /// <summary>y = f(x) elementwise with a scalar function: for maps TensorPrimitives does not have.</summary>
    public static DenseMatrix MapScalar(Matrix<double> x, Func<double, double> f)
    {
        var source = ValuesOf(x);
        var result = Uninitialized(x.RowCount, x.ColumnCount);
        var target = result.Values;
        for (var k = 0; k < source.Length; k++) target[k] = f(source[k]);
        return result;
    }

    public static DenseMatrix Add(Matrix<double> x, Matrix<double> y) => Zip(x, y, TensorPrimitives.Add);

    public static DenseMatrix Subtract(Matrix<double> x, Matrix<double> y) => Zip(x, y, TensorPrimitives.Subtract);

    public static DenseMatrix Scale(Matrix<double> x, double s) =>
        Map(x, (source, target) => TensorPrimitives.Multiply(source, s, target));

    public static DenseMatrix AddScalar(Matrix<double> x, double s) =>
        Map(x, (source, target) => TensorPrimitives.Add(source, s, target));

    /// <summary>C = A B (shapes checked by the caller).</summary>
    public static DenseMatrix MatMul(Matrix<double> a, Matrix<double> b) => Product(a, false, b, false, a.RowCount, b.ColumnCount);

    /// <summary>C = A^T B (shapes checked by the caller).</summary>
    public static DenseMatrix MatMulTransposeA(Matrix<double> a, Matrix<double> b) => Product(a, true, b, false, a.ColumnCount, b.ColumnCount);

    /// <summary>C = A B^T (shapes checked by the caller).</summary>
    public static DenseMatrix MatMulTransposeB(Matrix<double> a, Matrix<double> b) => Product(a, false, b, true, a.RowCount, b.RowCount);

    /// <summary>op(A) op(B) into a zeroed result that, when large, may reuse an array of <see cref="GradientBufferPool"/>.</summary>
    private static DenseMatrix Product(Matrix<double> a, bool transposeA, Matrix<double> b, bool transposeB, int rows, int columns)
    {
        var c = Zeros(rows, columns);
        LinearAlgebra.MatrixProduct.Compute(a, transposeA, b, transposeB, c);
        return c;
    }

    /// <summary>An elementwise kernel from a source span to a target span of the same length.</summary>
    public delegate void SpanMap(ReadOnlySpan<double> source, Span<double> target);

    /// <summary>An elementwise kernel from two source spans to a target span of the same length.</summary>
    public delegate void SpanZip(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> target);
}
