using MlMath.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

/// <summary>The caller-plus-helpers job runner: every part exactly once, errors surfaced, nesting and concurrency safe.</summary>
public sealed class WorkSharingTests
{
    [Fact]
    public void Every_part_runs_exactly_once()
    {
        for (var round = 0; round < 200; round++)
        {
            var counts = new int[1 + (round % 9)];
            WorkSharing.For(counts.Length, part => Interlocked.Increment(ref counts[part]));
            counts.Should().OnlyContain(count => count == 1);
        }
    }

    [Fact]
    public void An_exception_in_a_part_reaches_the_caller()
    {
        var act = () => WorkSharing.For(4, part =>
        {
            if (part == 2) throw new InvalidOperationException("part two failed");
        });
        // The same exception whether the parts ran on helpers or (runner busy with another test's job) serially.
        act.Should().Throw<InvalidOperationException>().WithMessage("part two failed");

        // And the runner still works afterwards.
        var counts = new int[4];
        WorkSharing.For(4, part => Interlocked.Increment(ref counts[part]));
        counts.Should().OnlyContain(count => count == 1);
    }

    [Fact]
    public void A_job_started_inside_a_part_runs_to_completion()
    {
        var counts = new int[3, 5];
        WorkSharing.For(3, outer => WorkSharing.For(5, inner => Interlocked.Increment(ref counts[outer, inner])));
        counts.Cast<int>().Should().OnlyContain(count => count == 1);
    }

    [Fact]
    public void Jobs_from_several_threads_at_once_all_complete()
    {
        var totals = new long[6];
        Parallel.For(0, totals.Length, caller =>
        {
            for (var round = 0; round < 100; round++)
            {
                WorkSharing.For(4, part => Interlocked.Add(ref totals[caller], part + 1));
            }
        });
        totals.Should().OnlyContain(total => total == 100 * (1 + 2 + 3 + 4));
    }
}
