using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Manifolds;

namespace MlMath.Tests.Manifolds;

public sealed class SpectralMethodsTests
{
    [Fact]
    public void Lle_unrolls_a_swiss_roll()
    {
        var roll = ManifoldGenerators.SwissRoll(1000, 0.05, new Random(1));
        var embedding = new LocallyLinearEmbedding(neighbors: 12).FitTransform(roll.Points);
        var y = embedding.Coordinates;
        EmbeddingQuality.Trustworthiness(roll.Points, y, 10).Should().BeGreaterThan(0.95);
        Math.Abs(ManifoldTestData.Correlation(y.Column(0), roll.Intrinsic.Column(0))).Should().BeGreaterThan(0.9);
        // Orthonormal columns, orthogonal to the constant vector (the dropped trivial eigenvector).
        (y.TransposeThisAndMultiply(y) - DenseMatrix.CreateIdentity(2)).InfinityNorm().Should().BeLessThan(1e-8);
        y.ColumnSums().InfinityNorm().Should().BeLessThan(1e-6);
        embedding.Eigenvalues[0].Should().BeGreaterThanOrEqualTo(-1e-12);
    }

    [Fact]
    public void Lle_weights_sum_to_one_and_reconstruct_points_inside_their_neighbourhood()
    {
        // A regular planar grid: every interior point is the average of its 4 nearest neighbours.
        var x = DenseMatrix.Create(49, 2, (i, j) => j == 0 ? i % 7 : i / 7);
        var (weights, neighbors) = new LocallyLinearEmbedding(neighbors: 4, regularization: 1e-9).ComputeWeights(x);
        for (var i = 0; i < 49; i++)
        {
            weights.Row(i).Sum().Should().BeApproximately(1, 1e-12);
            Vector<double> reconstruction = DenseVector.Create(2, _ => 0);
            for (var r = 0; r < 4; r++) reconstruction += weights[i, r] * x.Row(neighbors.Index(i, r));
            var interior = i % 7 is > 0 and < 6 && i / 7 is > 0 and < 6;
            if (interior) (reconstruction - x.Row(i)).L2Norm().Should().BeLessThan(1e-6);
        }
    }

    [Fact]
    public void Laplacian_first_eigenpair_is_zero_and_constant_and_the_rest_solve_the_generalised_problem()
    {
        var roll = ManifoldGenerators.SwissRoll(150, 0.0, new Random(2));
        var method = new LaplacianEigenmaps(neighbors: 8);
        var (values, vectors) = method.GeneralizedEigenpairs(roll.Points, 4);
        values[0].Should().BeApproximately(0, 1e-10);
        var first = vectors.Column(0);
        (first - first.Average()).InfinityNorm().Should().BeLessThan(1e-8 * first.InfinityNorm());

        // Dense check: L y = lambda D y with L = D - W for the same heat-kernel graph.
        var graph = NeighborhoodGraph.KNearest(roll.Points, 8);
        var t = graph.Weights.Average(w => w * w);
        var wMatrix = new DenseMatrix(150, 150);
        for (var i = 0; i < 150; i++)
        {
            for (var e = graph.Offsets[i]; e < graph.Offsets[i + 1]; e++) wMatrix[i, graph.Targets[e]] = Math.Exp(-graph.Weights[e] * graph.Weights[e] / t);
        }

        var d = DenseMatrix.OfDiagonalVector(wMatrix.RowSums());
        var l = d - wMatrix;
        for (var c = 0; c < 4; c++)
        {
            var y = vectors.Column(c);
            (l * y - values[c] * (d * y)).InfinityNorm().Should().BeLessThan(1e-8);
            (y * (d * y)).Should().BeApproximately(1, 1e-8, "normalised y^T D y = 1");
        }

        // And they are the smallest: compare with the dense eigenvalues of D^(-1/2) L D^(-1/2).
        var root = DenseMatrix.OfDiagonalVector(wMatrix.RowSums().Map(v => 1 / Math.Sqrt(v)));
        var dense = (root * l * root).Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).OrderBy(v => v).Take(4).ToArray();
        for (var c = 0; c < 4; c++) values[c].Should().BeApproximately(dense[c], 1e-9);
    }

    [Fact]
    public void Laplacian_eigenmaps_unroll_a_swiss_roll_and_reject_a_disconnected_graph()
    {
        var roll = ManifoldGenerators.SwissRoll(800, 0.05, new Random(3));
        var y = new LaplacianEigenmaps(neighbors: 10).FitTransform(roll.Points).Coordinates;
        Math.Abs(ManifoldTestData.Correlation(y.Column(0), roll.Intrinsic.Column(0))).Should().BeGreaterThan(0.9);

        var apart = DenseMatrix.Create(20, 2, (i, j) => j == 0 ? (i < 10 ? i : 100 + i) : 0);
        ((Action)(() => new LaplacianEigenmaps(neighbors: 3).FitTransform(apart))).Should()
            .Throw<InvalidOperationException>().WithMessage("*2 connected components*");
    }

    [Fact]
    public void Linear_kernel_pca_equals_pca()
    {
        var x = ManifoldTestData.RandomData(40, 3, new Random(4));
        var kernelPca = KernelPca.Fit(x, new PolynomialKernel(degree: 1, gamma: 1, coef0: 0), 2);
        var scores = Pca.Fit(x, 2).Transform(x);
        for (var c = 0; c < 2; c++)
        {
            var a = kernelPca.TrainingCoordinates.Column(c);
            var b = scores.Column(c);
            Math.Min((a - b).InfinityNorm(), (a + b).InfinityNorm()).Should().BeLessThan(1e-8);
        }

        (kernelPca.Transform(x) - kernelPca.TrainingCoordinates).InfinityNorm().Should().BeLessThan(1e-8);
    }

    [Fact]
    public void Rbf_kernel_pca_separates_concentric_circles()
    {
        var data = MlMath.Data.DataGenerators.Circles(200, 0.02, 0.3, new Random(5));
        var model = KernelPca.Fit(data.Features, new RbfKernel(gamma: 5), 2);
        var first = model.TrainingCoordinates.Column(0);
        var labels = data.Labels!;
        var inner = Enumerable.Range(0, 200).Where(i => labels[i] == 1).Select(i => first[i]).ToArray();
        var outer = Enumerable.Range(0, 200).Where(i => labels[i] == 0).Select(i => first[i]).ToArray();
        (inner.Min() > outer.Max() || outer.Min() > inner.Max()).Should().BeTrue("the first RBF component orders the circles");
    }
}
