using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

/// <summary>The thin-product path (a dimension of 1) against the reference triple loop, in every transpose combination.</summary>
public sealed class ThinProductTests
{
    private static Matrix<double> Random(Random rng, int rows, int columns) =>
        DenseMatrix.Create(rows, columns, (_, _) => rng.NextDouble() * 2 - 1);

    [Theory]
    [InlineData(128, 64, 1)]
    [InlineData(128, 1, 64)]
    [InlineData(1, 64, 128)]
    [InlineData(1, 1, 7)]
    [InlineData(7, 1, 1)]
    [InlineData(1, 9, 1)]
    [InlineData(33, 1, 1)]
    public void Thin_products_equal_the_reference(int m, int k, int n)
    {
        var rng = new Random(m * 10000 + k * 100 + n);
        var a = Random(rng, m, k);
        var b = Random(rng, k, n);
        var expected = MatrixProduct.MultiplyReference(a, b);
        static double Error(Matrix<double> x, Matrix<double> y) => (x - y).Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
        Error(MatrixProduct.Multiply(a, b), expected).Should().BeLessThan(1e-12);
        Error(MatrixProduct.MultiplyTransposeA(a.Transpose(), b), expected).Should().BeLessThan(1e-12);
        Error(MatrixProduct.MultiplyTransposeB(a, b.Transpose()), expected).Should().BeLessThan(1e-12);
        var c = Random(rng, m, n);
        var accumulated = c.Clone();
        MatrixProduct.MultiplyAdd(a, b, accumulated);
        Error(accumulated, c + expected).Should().BeLessThan(1e-12);
    }
}
