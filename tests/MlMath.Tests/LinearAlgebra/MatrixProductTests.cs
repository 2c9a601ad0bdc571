using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

public sealed class MatrixProductTests
{
    // Shapes (m, k, n) chosen to hit every edge of the blocked kernel: single elements and vectors, sizes
    // just below, at and above the register tile (MR = 24, NR = 8), the cache blocks (KC = 256, MC = 240,
    // NC = 4080), the direct loops for thin products (a dimension <= 4, m n k <= 2^16), the parallel threshold (m n k = 2^17),
    // and both directions of the parallel split.
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 7, 9 }, { 9, 7, 1 }, { 1, 50, 1 }, { 2, 50, 50 }, { 3, 1, 5 },
        { 67, 129, 33 }, { 23, 255, 7 }, { 24, 256, 8 }, { 25, 257, 9 }, { 47, 31, 17 },
        { 239, 255, 241 }, { 240, 256, 240 }, { 241, 513, 250 },
        { 128, 64, 64 }, { 101, 103, 107 }, { 130, 70, 150 }, { 1000, 40, 30 }, { 30, 40, 1000 },
        { 2, 3, 4100 }, { 300, 300, 300 },
        { 20, 2, 50 }, { 20, 50, 2 }, { 2, 20, 50 }, { 5, 7, 3 }, { 13, 11, 17 }, { 31, 17, 29 }, { 32, 16, 32 },
        { 64, 32, 64 }, { 50, 50, 50 }, { 4, 100, 100 }, { 100, 4, 100 }, { 100, 100, 4 }, { 5, 100, 100 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_equals_the_reference_loop_and_MathNet(int m, int k, int n)
    {
        var random = new Random(m + (31 * k) + (1009 * n));
        var a = RandomMatrix(random, m, k);
        var b = RandomMatrix(random, k, n);

        var product = MatrixProduct.Multiply(a, b);

        product.Should().BeOfType<DenseMatrix>();
        product.RowCount.Should().Be(m);
        product.ColumnCount.Should().Be(n);
        ShouldBeClose(product, MatrixProduct.MultiplyReference(a, b), a, b);
        ShouldBeClose(product, a * b, a, b);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposeA_equals_the_reference_on_the_transpose(int m, int k, int n)
    {
        var random = new Random(m + (37 * k) + (1013 * n));
        var a = RandomMatrix(random, k, m);
        var b = RandomMatrix(random, k, n);

        var product = MatrixProduct.MultiplyTransposeA(a, b);

        ShouldBeClose(product, MatrixProduct.MultiplyReference(a.Transpose(), b), a.Transpose(), b);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposeB_equals_the_reference_on_the_transpose(int m, int k, int n)
    {
        var random = new Random(m + (41 * k) + (1019 * n));
        var a = RandomMatrix(random, m, k);
        var b = RandomMatrix(random, n, k);

        var product = MatrixProduct.MultiplyTransposeB(a, b);

        ShouldBeClose(product, MatrixProduct.MultiplyReference(a, b.Transpose()), a, b.Transpose());
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(67, 129, 33)]
    [InlineData(130, 70, 150)]
    [InlineData(300, 300, 300)]
    public void MultiplyAdd_adds_the_product_to_the_accumulator(int m, int k, int n)
    {
        var random = new Random(7 * (m + k + n));
        var a = RandomMatrix(random, m, k);
        var b = RandomMatrix(random, k, n);
        var c = RandomMatrix(random, m, n);
        var expected = c + MatrixProduct.MultiplyReference(a, b);

        MatrixProduct.MultiplyAdd(a, b, c);

        ShouldBeClose(c, expected, a, b, offset: 1.0);
    }

    public static TheoryData<string, int> KernelsAndThreads => new()
    {
        { "Vector512", 1 }, { "Vector512", 2 }, { "Vector512", 3 }, { "Vector512x16", 1 }, { "Vector512x16", 2 },
        { "Vector256", 1 }, { "Vector256", 2 }, { "Scalar", 1 }, { "Scalar", 3 },
    };

    [Theory]
    [MemberData(nameof(KernelsAndThreads))]
    public void Every_kernel_and_thread_count_computes_the_same_product(string kernelName, int threads)
    {
        // The CPU decides which kernel the public methods use; this runs the others too (a kernel that is
        // not hardware accelerated is emulated in software: slow but exact).
        var kernel = kernelName switch
        {
            "Vector512" => GemmMicroKernels.Vector512Kernel,
            "Vector512x16" => GemmMicroKernels.Vector512Kernel16,
            "Vector256" => GemmMicroKernels.Vector256Kernel,
            _ => GemmMicroKernels.ScalarKernel,
        };
        var random = new Random(threads);
        foreach (var (m, k, n) in new[] { (1, 1, 1), (13, 300, 11), (250, 70, 90), (70, 90, 250) })
        {
            foreach (var (transposeA, transposeB) in new[] { (false, false), (true, false), (false, true), (true, true) })
            {
                var a = RandomMatrix(random, m, k);
                var b = RandomMatrix(random, k, n);
                var c = new DenseMatrix(m, n);

                MatrixProduct.Compute(
                    transposeA ? a.Transpose() : a, transposeA, transposeB ? b.Transpose() : b, transposeB, c, kernel, threads);

                ShouldBeClose(c, MatrixProduct.MultiplyReference(a, b), a, b);
            }
        }
    }

    [Fact]
    public void Multiply_equals_the_reference_on_random_shapes()
    {
        Gen.Select(Gen.Int[1, 60], Gen.Int[1, 300], Gen.Int[1, 60], Gen.Int)
            .Sample(
                (m, k, n, seed) =>
                {
                    var random = new Random(seed);
                    var a = RandomMatrix(random, m, k);
                    var b = RandomMatrix(random, k, n);
                    ShouldBeClose(MatrixProduct.Multiply(a, b), MatrixProduct.MultiplyReference(a, b), a, b);
                },
                iter: 200);
    }

    [Fact]
    public void An_empty_shared_dimension_gives_zeros()
    {
        var product = MatrixProduct.Multiply(new DenseMatrix(3, 0), new DenseMatrix(0, 2));
        var accumulator = DenseMatrix.Create(3, 2, 1.5);

        MatrixProduct.MultiplyAdd(new DenseMatrix(3, 0), new DenseMatrix(0, 2), accumulator);

        product.Should().Be(new DenseMatrix(3, 2));
        accumulator.Should().Be(DenseMatrix.Create(3, 2, 1.5));
    }

    [Fact]
    public void Non_dense_inputs_fall_back_to_MathNet_and_still_return_a_dense_matrix()
    {
        var random = new Random(3);
        var sparse = SparseMatrix.OfMatrix(RandomMatrix(random, 20, 30).PointwiseMultiply(RandomMatrix(random, 20, 30).Map(x => x > 0.3 ? 1.0 : 0.0)));
        var dense = RandomMatrix(random, 30, 10);

        var product = MatrixProduct.Multiply(sparse, dense);
        var productTransposeA = MatrixProduct.MultiplyTransposeA(dense, DiagonalMatrix.OfDiagonal(30, 30, RandomMatrix(random, 30, 1).Column(0)));

        product.Should().BeOfType<DenseMatrix>();
        ShouldBeClose(product, MatrixProduct.MultiplyReference(sparse, dense), sparse, dense);
        productTransposeA.Should().BeOfType<DenseMatrix>();
        productTransposeA.RowCount.Should().Be(10);
    }

    [Fact]
    public void Multiply_throws_naming_the_operation_and_both_shapes()
    {
        var act = () => MatrixProduct.Multiply(new DenseMatrix(3, 4), new DenseMatrix(5, 2));

        act.Should().Throw<ArgumentException>().WithMessage("MatrixProduct.Multiply: left is 3x4, right is 5x2*");
    }

    [Fact]
    public void Transposed_products_throw_naming_the_operation_and_both_shapes()
    {
        var transposeA = () => MatrixProduct.MultiplyTransposeA(new DenseMatrix(3, 4), new DenseMatrix(5, 2));
        var transposeB = () => MatrixProduct.MultiplyTransposeB(new DenseMatrix(3, 4), new DenseMatrix(5, 2));

        transposeA.Should().Throw<ArgumentException>().WithMessage("MatrixProduct.MultiplyTransposeA: left is 3x4, right is 5x2*");
        transposeB.Should().Throw<ArgumentException>().WithMessage("MatrixProduct.MultiplyTransposeB: left is 3x4, right is 5x2*");
    }

    [Fact]
    public void MultiplyAdd_throws_when_the_accumulator_has_the_wrong_shape()
    {
        var act = () => MatrixProduct.MultiplyAdd(new DenseMatrix(3, 4), new DenseMatrix(4, 2), new DenseMatrix(2, 3));

        act.Should().Throw<ArgumentException>().WithMessage("MatrixProduct.MultiplyAdd:*accumulator must be 3x2, but it is 2x3*");
    }

    [Fact]
    public void MultiplyAdd_throws_when_the_accumulator_is_a_factor()
    {
        var a = new DenseMatrix(3, 3);

        var act = () => MatrixProduct.MultiplyAdd(a, new DenseMatrix(3, 3), a);
        var sameArray = () => MatrixProduct.MultiplyAdd(new DenseMatrix(3, 3), a, new DenseMatrix(3, 3, a.Values));

        act.Should().Throw<ArgumentException>().WithMessage("*accumulator must not be one of the factors*");
        sameArray.Should().Throw<ArgumentException>().WithMessage("*accumulator must not be one of the factors*");
    }

    private static DenseMatrix RandomMatrix(Random random, int rows, int columns)
    {
        var matrix = new DenseMatrix(rows, columns);
        for (int i = 0; i < matrix.Values.Length; i++)
        {
            matrix.Values[i] = (2.0 * random.NextDouble()) - 1.0;
        }

        return matrix;
    }

    /// <summary>
    /// Asserts |actual - expected| &lt;= 1e-12 (offset + (|A| |B|)_ij) entry by entry: a relative error of
    /// 1e-12 measured against the sum of the absolute products, which bounds the rounding error of any
    /// summation order (about k * 1.1e-16 of it).
    /// </summary>
    private static void ShouldBeClose(Matrix<double> actual, Matrix<double> expected, Matrix<double> a, Matrix<double> b, double offset = 0.0)
    {
        actual.RowCount.Should().Be(expected.RowCount);
        actual.ColumnCount.Should().Be(expected.ColumnCount);
        var scale = MatrixProduct.MultiplyReference(a.PointwiseAbs(), b.PointwiseAbs());
        double worst = 0.0;
        (int Row, int Column) worstAt = (0, 0);
        for (int j = 0; j < actual.ColumnCount; j++)
        {
            for (int i = 0; i < actual.RowCount; i++)
            {
                double relative = Math.Abs(actual[i, j] - expected[i, j]) / (offset + scale[i, j] + double.Epsilon);
                if (!(relative <= worst))
                {
                    (worst, worstAt) = (relative, (i, j));
                }
            }
        }

        worst.Should().BeLessThanOrEqualTo(1e-12, $"entry {worstAt} is {actual[worstAt.Row, worstAt.Column]}, expected {expected[worstAt.Row, worstAt.Column]}");
    }
}
