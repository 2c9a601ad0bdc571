using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Graphs;

namespace MlMath.Tests.Graphs;

public class GraphTests
{
    [Fact]
    public void EdgesAreStoredSortedByTargetAndAdjacencyRowsAreIncomingEdges()
    {
        var graph = Graph.FromEdges(3, sources: [2, 0, 1], targets: [0, 1, 0]);

        graph.Targets.Should().Equal(0, 0, 1);
        graph.Sources.Should().Equal(1, 2, 0);
        graph.Adjacency.ToDense().Should().BeEquivalentTo(DenseMatrix.OfArray(new double[,] { { 0, 1, 1 }, { 1, 0, 0 }, { 0, 0, 0 } }));
        graph.Degrees().Should().Equal(2.0, 1.0, 0.0);
        graph.FindEdge(2, 0).Should().Be(1);
        graph.FindEdge(0, 2).Should().Be(-1);
    }

    [Fact]
    public void InvalidEdgesAreRejectedNamingTheEdge()
    {
        var outOfRange = () => Graph.FromEdges(3, [0, 1], [1, 3]);
        outOfRange.Should().Throw<ArgumentException>().WithMessage("*edge 1 (1 -> 3)*0..2*");
        var negative = () => Graph.FromEdgeList(3, [(0, 1), (-1, 2)]);
        negative.Should().Throw<ArgumentException>().WithMessage("*edge 1 (-1 -> 2)*");
        var duplicate = () => Graph.FromEdges(3, [0, 1, 0], [1, 2, 1]);
        duplicate.Should().Throw<ArgumentException>().WithMessage("*(0 -> 1) repeats edge*");
        var lengths = () => Graph.FromEdges(3, [0, 1], [1]);
        lengths.Should().Throw<ArgumentException>().WithMessage("*sources has 2 entries, targets 1*");
        var weight = () => Graph.FromEdges(2, [0], [1], [double.NaN]);
        weight.Should().Throw<ArgumentException>().WithMessage("*edge 0 (0 -> 1)*not finite*");
    }

    [Fact]
    public void ConstructionsAgree()
    {
        var fromList = Graph.FromEdgeList(4, [(0, 1), (1, 2), (2, 3), (1, 0)]);
        var dense = fromList.Adjacency.ToDense();
        var fromDense = Graph.FromAdjacency(dense);

        fromList.EdgeCount.Should().Be(6);
        fromList.IsSymmetric().Should().BeTrue();
        fromDense.Sources.Should().Equal(fromList.Sources);
        fromDense.Targets.Should().Equal(fromList.Targets);
        fromDense.IsWeighted.Should().BeFalse();
        Graph.FromAdjacency(dense * 2.0).EdgeWeights.Should().AllSatisfy(w => w.Should().Be(2.0));
    }

    [Fact]
    public void SelfLoopsAreAddedOnlyWhereMissing()
    {
        var graph = Graph.FromEdges(3, [0, 1, 2], [1, 0, 2]);
        var looped = graph.AddSelfLoops();

        looped.EdgeCount.Should().Be(5);
        looped.Adjacency.ToDense().Diagonal().Should().Equal(1.0, 1.0, 1.0);
        looped.RemoveSelfLoops().EdgeCount.Should().Be(2);
    }

    [Fact]
    public void KNearestNeighboursOfPointsOnALine()
    {
        var points = DenseMatrix.OfArray(new double[,] { { 0 }, { 1 }, { 3 }, { 7 } });
        var directed = Graph.KNearestNeighbors(points, 1, symmetric: false);

        // nearest of 0 is 1, of 1 is 0, of 3 is 1, of 7 is 3: edges nearest -> point.
        directed.EdgeCount.Should().Be(4);
        directed.FindEdge(1, 0).Should().BeGreaterThanOrEqualTo(0);
        directed.FindEdge(0, 1).Should().BeGreaterThanOrEqualTo(0);
        directed.FindEdge(1, 2).Should().BeGreaterThanOrEqualTo(0);
        directed.FindEdge(2, 3).Should().BeGreaterThanOrEqualTo(0);
        Graph.KNearestNeighbors(points, 1).IsSymmetric().Should().BeTrue();
    }

    [Fact]
    public void RelabelPermutesTheAdjacency()
    {
        var graph = Graph.FromEdgeList(4, [(0, 1), (1, 2), (2, 3)]);
        int[] permutation = [2, 0, 3, 1];
        var relabelled = graph.Relabel(permutation);
        var p = new DenseMatrix(4, 4);
        for (var i = 0; i < 4; i++) p[permutation[i], i] = 1.0;

        relabelled.Adjacency.ToDense().Should().BeEquivalentTo(p * graph.Adjacency.ToDense() * p.Transpose());
        var bad = () => graph.Relabel([0, 0, 1, 2]);
        bad.Should().Throw<ArgumentException>().WithMessage("*permutation*");
    }

    [Fact]
    public void KarateClubHasZacharysCounts()
    {
        var graph = KarateClub.Graph();

        graph.NodeCount.Should().Be(34);
        graph.EdgeCount.Should().Be(156);
        graph.Degrees()[0].Should().Be(16);
        graph.Degrees()[33].Should().Be(17);
        KarateClub.Factions.Count(f => f == 0).Should().Be(17);
    }

    [Fact]
    public void GeneratorsMakeWhatTheySay()
    {
        GraphGenerators.Cycle(5).Degrees().Should().AllSatisfy(d => d.Should().Be(2.0));
        var tree = GraphGenerators.RandomTree(9, new Random(1));
        tree.EdgeCount.Should().Be(16);
        GraphMatricesTests.ComponentCount(tree).Should().Be(1);
        var (sbm, blocks) = GraphGenerators.StochasticBlockModel([30, 30], 0.5, 0.02, new Random(2));
        var inside = Enumerable.Range(0, sbm.EdgeCount).Count(e => blocks[sbm.Sources[e]] == blocks[sbm.Targets[e]]);
        inside.Should().BeGreaterThan(5 * (sbm.EdgeCount - inside));
    }
}
