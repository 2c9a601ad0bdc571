using MlMath.Graphs;

namespace MlMath.Tests.Graphs;

public class DatasetTests
{
    [Fact]
    public void CoraHasThePlanetoidCountsAndSplit()
    {
        var cora = PlanetoidDataset.Cora();

        cora.Graph.NodeCount.Should().Be(2708);
        cora.Graph.EdgeCount.Should().Be(10556);
        cora.Graph.IsSymmetric().Should().BeTrue();
        cora.Features.ColumnCount.Should().Be(1433);
        cora.Features.NonZeroCount.Should().Be(49216);
        cora.ClassCount.Should().Be(7);
        cora.TrainNodes.Should().Equal(Enumerable.Range(0, 140));
        cora.ValidationNodes.Should().Equal(Enumerable.Range(140, 500));
        cora.TestNodes.Should().HaveCount(1000).And.OnlyContain(i => i >= 1708);
        cora.LabelsOf(cora.TrainNodes).GroupBy(l => l).Should().AllSatisfy(g => g.Count().Should().Be(20));
        GcnConv.Normalize(cora.Graph).NonZeroCount.Should().Be(13264);
    }

    [Fact]
    public void CiteSeerHasItsQuirks()
    {
        var citeseer = PlanetoidDataset.CiteSeer();

        citeseer.Graph.NodeCount.Should().Be(3327);
        citeseer.Graph.EdgeCount.Should().Be(9104);
        citeseer.Features.ColumnCount.Should().Be(3703);
        citeseer.Labels.Count(l => l < 0).Should().Be(15);
        citeseer.Graph.Degrees().Count(d => d == 0).Should().Be(48);
        citeseer.TrainNodes.Should().HaveCount(120);
        var normalized = citeseer.RowNormalizedFeatures();
        normalized.Values.Should().OnlyContain(v => double.IsFinite(v) && v > 0 && v <= 1);
    }

    [Fact]
    public void RowNormalisedFeaturesSumToOne()
    {
        var x = PlanetoidDataset.Cora().RowNormalizedFeatures().ToDense();
        x.RowSums().Should().AllSatisfy(s => s.Should().BeApproximately(1.0, 1e-12));
    }

    [Fact]
    public void LoadReadsTheSameFormatFromAFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mlmath-planetoid-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "edges.txt"), "0 1\n1 2\n");
            File.WriteAllText(Path.Combine(folder, "features.txt"), "0 2\n1\n\n");
            File.WriteAllText(Path.Combine(folder, "labels.txt"), "0\n1\n-1\n");
            File.WriteAllText(Path.Combine(folder, "train.txt"), "0\n");
            File.WriteAllText(Path.Combine(folder, "val.txt"), "1\n");
            File.WriteAllText(Path.Combine(folder, "test.txt"), string.Empty);
            var data = PlanetoidDataset.Load(folder, "tiny");

            data.Graph.EdgeCount.Should().Be(4);
            data.Features.ColumnCount.Should().Be(3);
            data.ClassCount.Should().Be(2);
            data.TestNodes.Should().BeEmpty();
            File.WriteAllText(Path.Combine(folder, "edges.txt"), "0 x\n");
            var bad = () => PlanetoidDataset.Load(folder);
            bad.Should().Throw<FormatException>().WithMessage("*edges.txt line 1*'x'*");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
