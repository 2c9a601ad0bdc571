using MathNet.Numerics.LinearAlgebra;
using MlMath.DifferentialEquations.Pde;

namespace MlMath.Tests.DifferentialEquations.Pde;

public sealed class ThomasAlgorithmTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(300)]
    public void Solves_a_diagonally_dominant_system_like_a_dense_LU_solve(int n)
    {
        var random = new Random(n);
        var a = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var c = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, n).Select(i => 1.0 + Math.Abs(a[i]) + Math.Abs(c[i]) + random.NextDouble()).ToArray();
        var d = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var dense = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? b[i] : j == i - 1 ? a[i] : j == i + 1 ? c[i] : 0.0);
        var expected = dense.Solve(Vector<double>.Build.DenseOfArray(d));
        var x = ThomasAlgorithm.Solve(a, b, c, d);
        for (var i = 0; i < n; i++) x[i].Should().BeApproximately(expected[i], 1e-12);
    }

    [Fact]
    public void Bad_lengths_and_zero_pivots_fail_clearly()
    {
        var bad = () => ThomasAlgorithm.Solve([0.0, 1], [1.0, 1, 1], [1.0, 0], [1.0, 1, 1]);
        bad.Should().Throw<ArgumentException>().WithMessage("*lower 2, diagonal 3*");
        // [[1, 1], [1, 1]] is singular: the second pivot is 1 - 1 * 1 = 0.
        var singular = () => ThomasAlgorithm.Solve([0.0, 1], [1.0, 1], [1.0, 0], [1.0, 2]);
        singular.Should().Throw<InvalidOperationException>().WithMessage("*pivot 0 at row 1*");
    }
}
