using CsCheck;
using MlMath.Data;

namespace MlMath.Tests.Data;

public sealed class MiniBatchTests
{
    [Fact]
    public void Batches_in_order_keep_the_last_partial_batch()
    {
        var batches = DatasetTests.Numbered(10).Batches(4).ToList();
        batches.Select(b => b.Count).Should().Equal(4, 4, 2);
        batches[2].Features.Column(0).ToArray().Should().Equal(8.0, 9.0);
        batches[2].Labels.Should().Equal(2, 0);
        batches[2].ClassCount.Should().Be(3);
    }

    [Fact]
    public void Drop_last_leaves_out_the_partial_batch()
    {
        DatasetTests.Numbered(10).Batches(4, dropLast: true).Select(b => b.Count).Should().Equal(4, 4);
        DatasetTests.Numbered(8).Batches(4, dropLast: true).Select(b => b.Count).Should().Equal(4, 4);
        DatasetTests.Numbered(3).Batches(4, dropLast: true).Should().BeEmpty();
    }

    [Fact]
    public void Shuffled_batches_are_seeded_and_each_enumeration_is_a_new_epoch()
    {
        var first = MiniBatches.Indices(20, 6, new Random(4)).SelectMany(b => b).ToArray();
        first.Should().Equal(MiniBatches.Indices(20, 6, new Random(4)).SelectMany(b => b));
        first.Should().NotEqual(Enumerable.Range(0, 20));

        var epochs = MiniBatches.Indices(20, 6, new Random(4));
        var epoch1 = epochs.SelectMany(b => b).ToArray();
        var epoch2 = epochs.SelectMany(b => b).ToArray();
        epoch1.Should().Equal(first);
        epoch2.Should().NotEqual(epoch1);
    }

    [Fact]
    public void Bad_batch_size_fails_at_the_call_not_at_enumeration()
    {
        FluentActions.Invoking(() => DatasetTests.Numbered(3).Batches(0))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*batchSize must be >= 1 but is 0*");
    }

    [Fact]
    public void Property_batches_cover_every_index_exactly_once()
    {
        Gen.Select(Gen.Int[0, 200], Gen.Int[1, 50], Gen.Bool, Gen.Int).Sample(t =>
        {
            var (n, size, shuffle, seed) = t;
            var batches = MiniBatches.Indices(n, size, shuffle ? new Random(seed) : null).ToList();
            batches.SelectMany(b => b).Order().Should().Equal(Enumerable.Range(0, n));
            batches.Should().HaveCount((n + size - 1) / size);
            batches.SkipLast(1).All(b => b.Length == size).Should().BeTrue("all batches but the last are full");

            var dropped = MiniBatches.Indices(n, size, shuffle ? new Random(seed) : null, dropLast: true).ToList();
            dropped.Should().HaveCount(n / size);
            dropped.All(b => b.Length == size).Should().BeTrue("with dropLast every batch is full");
        }, iter: 300);
    }
}
