using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Manifolds;

namespace MlMath.Tests.Manifolds;

public sealed class PcaAndMdsTests
{
    [Theory]
    [InlineData(50, 4)]
    [InlineData(6, 10)]
    public void Pca_equals_the_svd_of_the_centred_data(int n, int d)
    {
        var x = ManifoldTestData.RandomData(n, d, new Random(n + d));
        var c = Math.Min(n, d);
        var pca = Pca.Fit(x, c);
        var centred = x - DenseMatrix.Create(n, d, (_, j) => x.Column(j).Average());
        var svd = centred.Svd(true);
        for (var i = 0; i < c; i++)
        {
            pca.SingularValues[i].Should().BeApproximately(svd.S[i], 1e-10);
            // same axis up to sign, for the non-degenerate axes
            if (svd.S[i] > 1e-8) Math.Abs(pca.Components.Column(i).DotProduct(svd.VT.Row(i))).Should().BeApproximately(1, 1e-9);
        }

        pca.ExplainedVarianceRatio.Sum().Should().BeApproximately(1, 1e-12);
        pca.ExplainedVariance[0].Should().BeApproximately(svd.S[0] * svd.S[0] / (n - 1), 1e-9);
        (pca.InverseTransform(pca.Transform(x)) - x).InfinityNorm().Should().BeLessThan(1e-10);
    }

    [Fact]
    public void Pca_on_a_line_explains_everything_with_one_axis()
    {
        var x = DenseMatrix.Create(20, 3, (i, j) => i * (j + 1.0));
        var pca = Pca.Fit(x, 1);
        pca.ExplainedVarianceRatio[0].Should().BeApproximately(1, 1e-12);
        (pca.Components.Column(0) - DenseVector.OfArray([1, 2, 3]) / Math.Sqrt(14)).L2Norm().Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Pca_rejects_nan_and_too_many_components()
    {
        var x = ManifoldTestData.RandomData(10, 3, new Random(1));
        ((Action)(() => Pca.Fit(x, 4))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*components = 4*");
        x[3, 1] = double.NaN;
        ((Action)(() => Pca.Fit(x, 2))).Should().Throw<ArgumentException>().WithMessage("*NaN*(3, 1)*");
    }

    [Fact]
    public void Classical_mds_recovers_points_up_to_a_rigid_motion()
    {
        var x = ManifoldTestData.RandomData(40, 3, new Random(7));
        var embedding = ClassicalMds.Embed(ManifoldTestData.Distances(x), 3);
        ManifoldTestData.ProcrustesError(x, embedding.Coordinates).Should().BeLessThan(1e-8);
        // The eigenvalues of B = X_c X_c^T are the squared singular values of the centred data.
        var s = Pca.Fit(x, 3).SingularValues;
        for (var i = 0; i < 3; i++) embedding.Eigenvalues[i].Should().BeApproximately(s[i] * s[i], 1e-8 * s[0] * s[0]);
    }

    [Fact]
    public void Double_centring_gives_the_gram_matrix_of_centred_points()
    {
        var x = ManifoldTestData.RandomData(12, 2, new Random(3));
        var d2 = ManifoldTestData.Distances(x).PointwisePower(2);
        var centred = x - DenseMatrix.Create(12, 2, (_, j) => x.Column(j).Average());
        (ClassicalMds.DoubleCenter(d2) - centred * centred.Transpose()).InfinityNorm().Should().BeLessThan(1e-12);
    }
}
