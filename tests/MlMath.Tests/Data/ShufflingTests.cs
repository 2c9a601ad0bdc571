using MlMath.Data;

namespace MlMath.Tests.Data;

public sealed class ShufflingTests
{
    [Fact]
    public void Same_seed_gives_the_same_permutation_and_different_seeds_differ()
    {
        var a = Shuffling.Permutation(100, new Random(42));
        a.Should().Equal(Shuffling.Permutation(100, new Random(42)));
        a.Should().NotEqual(Shuffling.Permutation(100, new Random(43)));
        a.Order().Should().Equal(Enumerable.Range(0, 100));
    }

    [Fact]
    public void Every_permutation_of_three_items_is_about_equally_likely()
    {
        // Fisher-Yates is uniform: each of the 3! = 6 orders has probability 1/6. With 60000 draws each count is
        // Binomial(60000, 1/6), mean 10000, standard deviation about 91; 5 standard deviations is 456.
        var random = new Random(1);
        var counts = new Dictionary<string, int>();
        for (int t = 0; t < 60000; t++)
        {
            string key = string.Join(",", Shuffling.Permutation(3, random));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        counts.Should().HaveCount(6);
        counts.Values.Should().OnlyContain(c => Math.Abs(c - 10000) < 456);
    }

    [Fact]
    public void Edge_cases_and_bad_arguments()
    {
        Shuffling.Permutation(0, new Random(1)).Should().BeEmpty();
        Shuffling.Permutation(1, new Random(1)).Should().Equal(0);
        FluentActions.Invoking(() => Shuffling.Permutation(-1, new Random(1)))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*count must be >= 0 but is -1*");
        FluentActions.Invoking(() => Shuffling.Permutation(3, null!))
            .Should().Throw<ArgumentNullException>().WithMessage("*random is null*");
    }
}
