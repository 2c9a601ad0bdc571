using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Graphs;

namespace MlMath.Tests.Graphs;

public class GraphMatricesTests
{
    // The path 0 - 1 - 2: degrees 1, 2, 1; with self loops 2, 3, 2.
    private static readonly Graph Path = Graph.FromEdgeList(3, [(0, 1), (1, 2)]);

    [Fact]
    public void SymmetricNormalisationWithSelfLoopsMatchesHandComputedValues()
    {
        var aHat = GraphMatrices.SymmetricNormalizedAdjacency(Path.AddSelfLoops()).ToDense();
        var s6 = 1.0 / Math.Sqrt(6.0);
        var expected = DenseMatrix.OfArray(new[,]
        {
            { 1.0 / 2, s6, 0 },
            { s6, 1.0 / 3, s6 },
            { 0, s6, 1.0 / 2 },
        });

        (aHat - expected).InfinityNorm().Should().BeLessThan(1e-15);
    }

    [Fact]
    public void RandomWalkNormalisationAndLaplaciansMatchHandComputedValues()
    {
        var rw = GraphMatrices.RandomWalkNormalizedAdjacency(Path).ToDense();
        rw.Should().BeEquivalentTo(DenseMatrix.OfArray(new[,] { { 0, 1.0, 0 }, { 0.5, 0, 0.5 }, { 0, 1.0, 0 } }));

        var l = GraphMatrices.Laplacian(Path).ToDense();
        l.Should().BeEquivalentTo(DenseMatrix.OfArray(new double[,] { { 1, -1, 0 }, { -1, 2, -1 }, { 0, -1, 1 } }));

        var s2 = 1.0 / Math.Sqrt(2.0);
        var expected = DenseMatrix.OfArray(new[,] { { 1, -s2, 0 }, { -s2, 1, -s2 }, { 0, -s2, 1 } });
        (GraphMatrices.NormalizedLaplacian(Path).ToDense() - expected).InfinityNorm().Should().BeLessThan(1e-15);
        (GraphMatrices.ScaledLaplacian(Path).ToDense() - (expected - DenseMatrix.CreateIdentity(3))).InfinityNorm().Should().BeLessThan(1e-15);
    }

    [Fact]
    public void IsolatedNodesGetZeroInsteadOfInfinity()
    {
        var graph = Graph.FromEdgeList(3, [(0, 1)]);
        var a = GraphMatrices.SymmetricNormalizedAdjacency(graph).ToDense();
        a.Enumerate().Should().AllSatisfy(v => double.IsFinite(v).Should().BeTrue());
        a.Row(2).Sum().Should().Be(0.0);
        GraphMatrices.NormalizedLaplacian(graph).ToDense()[2, 2].Should().Be(0.0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LaplacianNullityIsTheNumberOfConnectedComponents(int components)
    {
        var edges = new List<(int, int)>();
        var random = new Random(components);
        for (var c = 0; c < components; c++)
        {
            var offset = 5 * c;
            for (var i = 1; i < 5; i++) edges.Add((offset + random.Next(i), offset + i)); // a random tree per component
            edges.Add((offset, offset + 4)); // may close a cycle; components are unchanged
        }

        var graph = Graph.FromEdgeList(5 * components, edges.Distinct().Where(e => e.Item1 != e.Item2));
        var eigenvalues = SymmetricEigenvalues(GraphMatrices.Laplacian(graph).ToDense());
        var normalized = SymmetricEigenvalues(GraphMatrices.NormalizedLaplacian(graph).ToDense());

        ComponentCount(graph).Should().Be(components);
        eigenvalues.Min().Should().BeApproximately(0.0, 1e-12);
        eigenvalues.Count(v => Math.Abs(v) < 1e-9).Should().Be(components);
        normalized.Count(v => Math.Abs(v) < 1e-9).Should().Be(components);
        normalized.Max().Should().BeLessThanOrEqualTo(2.0 + 1e-12);
    }

    internal static int ComponentCount(Graph graph)
    {
        var parent = Enumerable.Range(0, graph.NodeCount).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var e = 0; e < graph.EdgeCount; e++) parent[Find(graph.Sources[e])] = Find(graph.Targets[e]);
        return Enumerable.Range(0, graph.NodeCount).Select(Find).Distinct().Count();
    }

    private static double[] SymmetricEigenvalues(Matrix<double> m) =>
        m.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
}
