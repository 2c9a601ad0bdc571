using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.LinearAlgebra;

namespace MlMath.Benchmarks;

/// <summary>Inputs and helpers shared by the linear-algebra benchmarks.</summary>
internal static class BenchmarkMatrices
{
    /// <summary>A dense matrix with entries uniform in [-1, 1).</summary>
    public static Matrix<double> Random(Random random, int rows, int columns)
    {
        var matrix = new DenseMatrix(rows, columns);
        for (int i = 0; i < matrix.Values.Length; i++)
        {
            matrix.Values[i] = (2.0 * random.NextDouble()) - 1.0;
        }

        return matrix;
    }

    /// <summary>Our product with threading switched off, to show what one core does.</summary>
    public static Matrix<double> MultiplyOnOneThread(Matrix<double> a, Matrix<double> b)
    {
        var c = new DenseMatrix(a.RowCount, b.ColumnCount);
        MatrixProduct.Compute(a, transposeA: false, b, transposeB: false, c, maxThreads: 1);
        return c;
    }
}
