using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Manifolds;

namespace MlMath.Tests.Manifolds;

public sealed class LanczosTests
{
    [Theory]
    [InlineData(5, 1, 1)]
    [InlineData(30, 3, 2)]
    [InlineData(80, 5, 3)]
    [InlineData(200, 4, 4)]
    public void Largest_eigenpairs_match_the_dense_decomposition(int n, int count, int seed)
    {
        var a = ManifoldTestData.RandomSymmetric(n, new Random(seed));
        var result = Lanczos.Largest(a, count, new Random(seed + 100), 1e-12);

        var evd = a.Evd(Symmetricity.Symmetric);
        var expected = evd.EigenValues.Select(c => c.Real).OrderByDescending(v => v).Take(count).ToArray();
        result.Converged.Should().BeTrue();
        for (var i = 0; i < count; i++)
        {
            result.Eigenvalues[i].Should().BeApproximately(expected[i], 1e-9);
            var v = result.Eigenvectors.Column(i);
            v.L2Norm().Should().BeApproximately(1, 1e-9);
            (a * v - result.Eigenvalues[i] * v).L2Norm().Should().BeLessThan(1e-7);
        }

        // The Ritz vectors are orthonormal.
        (result.Eigenvectors.TransposeThisAndMultiply(result.Eigenvectors) - DenseMatrix.CreateIdentity(count))
            .InfinityNorm().Should().BeLessThan(1e-9);
    }

    [Fact]
    public void A_repeated_eigenvalue_found_through_an_invariant_subspace()
    {
        // diag(3, 3, 1, 0, ...): the Krylov space of any start vector is invariant after 3 steps; the restart finds the second 3.
        var a = DenseMatrix.OfDiagonalArray([3, 3, 1, 0, 0, 0]);
        var result = Lanczos.Largest(a, 2, new Random(1), 1e-12);
        result.Eigenvalues.ToArray().Should().Equal([3.0, 3.0], (x, y) => Math.Abs(x - y) < 1e-10);
    }

    [Fact]
    public void A_low_rank_matrix_stops_as_soon_as_its_range_is_spanned()
    {
        // B = X X^T for 200 points in R^3 has rank 3: after the range (and one null vector) is spanned, the
        // next random block breaks down at once, and Lanczos stops with an exact answer.
        var x = ManifoldTestData.RandomData(200, 3, new Random(6));
        var b = (DenseMatrix)(x * x.Transpose());
        var result = Lanczos.Largest(b, 2, new Random(1), 1e-12);
        result.KrylovDimension.Should().BeLessThan(10);
        result.Converged.Should().BeTrue();
        var s = x.Svd(false).S;
        result.Eigenvalues[0].Should().BeApproximately(s[0] * s[0], 1e-9 * s[0] * s[0]);
        result.Eigenvalues[1].Should().BeApproximately(s[1] * s[1], 1e-9 * s[0] * s[0]);
    }

    [Fact]
    public void Count_larger_than_the_dimension_is_rejected()
    {
        var act = () => Lanczos.Largest(DenseMatrix.CreateIdentity(3), 4, new Random(1));
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*count = 4*");
    }

    [Fact]
    public void Shift_invert_finds_the_smallest_eigenpairs_of_a_path_laplacian()
    {
        // The path graph's Laplacian has eigenvalues 2 - 2 cos(pi j / n), j = 0..n-1.
        const int n = 60;
        var rows = new List<(int, double)>[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = [];
            if (i > 0) rows[i].AddRange([(i - 1, -1.0), (i, 1.0)]);
            if (i < n - 1) rows[i].AddRange([(i + 1, -1.0), (i, 1.0)]);
        }

        var laplacian = SparseSymmetricMatrix.FromRows(rows);
        var result = SpectralSolvers.SmallestSparse(laplacian, 4, CancellationToken.None);
        for (var j = 0; j < 4; j++) result.Eigenvalues[j].Should().BeApproximately(2 - 2 * Math.Cos(Math.PI * j / n), 1e-10);
        var constant = result.Eigenvectors.Column(0);
        (constant - constant.Average()).L2Norm().Should().BeLessThan(1e-8);
    }

    [Fact]
    public void Envelope_cholesky_solves_a_sparse_system()
    {
        var random = new Random(5);
        const int n = 40;
        var rows = new List<(int, double)>[n];
        for (var i = 0; i < n; i++) rows[i] = [(i, 10.0)];
        for (var e = 0; e < 80; e++)
        {
            int i = random.Next(n), j = random.Next(n);
            if (i == j) continue;
            var w = random.NextDouble();
            rows[i].Add((j, -w));
            rows[j].Add((i, -w));
        }

        var a = SparseSymmetricMatrix.FromRows(rows);
        var factor = new EnvelopeCholesky(a, -0.5);
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var x = new double[n];
        factor.Solve(b, x);
        var dense = DenseMatrix.OfArray(a.ToArray()) + 0.5 * DenseMatrix.CreateIdentity(n);
        (dense * DenseVector.OfArray(x) - DenseVector.OfArray(b)).InfinityNorm().Should().BeLessThan(1e-12);
    }
}
