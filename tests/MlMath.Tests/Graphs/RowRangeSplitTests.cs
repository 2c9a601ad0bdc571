using MlMath.Graphs;

namespace MlMath.Tests.Graphs;

/// <summary>
/// How <c>SparseKernels.ForRowRanges</c> cuts the rows of a sparse pattern between cores: equal numbers of rows (the
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
