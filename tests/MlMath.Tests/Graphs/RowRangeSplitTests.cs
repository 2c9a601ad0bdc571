using MlMath.Graphs;

namespace MlMath.Tests.Graphs;

/// <summary>
/// How the graph kernels split their work between cores. <c>SparseKernels.ForRowRanges</c> cuts the rows of a sparse pattern between cores: equal numbers of rows (the
/// same cut for every pattern of a graph) unless that would give one core far more than its share of the entries.
/// </summary>
public sealed class RowRangeSplitTests
{
    [Fact]
    public void Balanced_rows_are_cut_into_equal_numbers_of_rows_covering_every_row_once()
    {
        // 1000 rows of 100 entries each: 100,000 entries x width 8 is above the threshold for using both cores.
        var pointers = Enumerable.Range(0, 1001).Select(i => i * 100).ToArray();

        var ranges = Ranges(pointers, 1000, 8);

        Covered(ranges, 1000).Should().BeTrue();
        if (ranges.Count > 1) ranges.Select(r => r.Last - r.First).Should().OnlyContain(size => Math.Abs(size - (1000 / ranges.Count)) <= 1);
    }

    [Fact]
    public void Rows_whose_entries_crowd_at_one_end_are_cut_by_entries()
    {
        // The last 100 of 1000 rows hold 90% of the entries (a graph ordered by degree): equal rows would give one
        // core 95% of the work, so the cut follows the entries.
        var counts = Enumerable.Range(0, 1000).Select(i => i < 900 ? 10 : 810).ToArray();
        var pointers = new int[1001];
        for (var i = 0; i < 1000; i++) pointers[i + 1] = pointers[i] + counts[i];

        var ranges = Ranges(pointers, 1000, 8);

        Covered(ranges, 1000).Should().BeTrue();
        if (ranges.Count > 1)
        {
            long share = pointers[1000] / ranges.Count;
            ranges.Select(r => (long)(pointers[r.Last] - pointers[r.First])).Should().OnlyContain(entries => entries <= share + 810);
        }
    }

    [Fact]
    public void Small_work_runs_as_one_range()
    {
        var pointers = Enumerable.Range(0, 11).Select(i => i * 2).ToArray();

        Ranges(pointers, 10, 4).Should().Equal((0, 10));
    }

    [Fact]
    public void Edges_by_source_list_every_edge_once_under_its_source_in_increasing_order()
    {
        // The GAT backward pass gathers each source's gradient over these lists; the increasing order is what makes
        // its sums the same, bit for bit, as one loop over the edges by target.
        var random = new Random(3);
        var sources = Enumerable.Range(0, 300).Select(_ => random.Next(40)).ToArray();
        var targets = Enumerable.Range(0, 300).Select(_ => random.Next(40)).ToArray();
        var edges = sources.Zip(targets).Where(p => p.First != p.Second).Distinct().ToArray();
        var graph = Graph.FromEdges(40, edges.Select(p => p.First).ToArray(), edges.Select(p => p.Second).ToArray());

        var outgoing = graph.EdgesBySource;

        outgoing.Pointers[40].Should().Be(graph.EdgeCount);
        outgoing.Edges.Order().Should().Equal(Enumerable.Range(0, graph.EdgeCount));
        for (var j = 0; j < 40; j++)
        {
            var mine = outgoing.Edges[outgoing.Pointers[j]..outgoing.Pointers[j + 1]];
            mine.Should().BeInAscendingOrder();
            mine.Should().OnlyContain(e => graph.Sources[e] == j);
            mine.Length.Should().Be(graph.Sources.Count(s => s == j));
        }
    }

    private static List<(int First, int Last)> Ranges(int[] pointers, int rows, int width)
    {
        var ranges = new List<(int First, int Last)>();
        SparseKernels.ForRowRanges(pointers, rows, width, (first, last) =>
        {
            lock (ranges) ranges.Add((first, last));
        });
        ranges.Sort();
        return ranges;
    }

    /// <summary>Whether the ranges, sorted, tile 0..rows-1 without gaps or overlaps.</summary>
    private static bool Covered(List<(int First, int Last)> ranges, int rows)
    {
        var next = 0;
        foreach (var (first, last) in ranges)
        {
            if (first != next || last < first) return false;
            next = last;
        }

        return next == rows;
    }
}
