namespace MlMath.Data;

/// <summary>
/// Seeded random permutations by the Fisher-Yates (Knuth) shuffle: every one of the n! orders is equally
/// likely, and the same <see cref="Random"/> seed gives the same order on every run.
/// </summary>
/// <remarks>
/// Algorithm (Knuth, TAOCP vol. 2, section 3.4.2, Algorithm P): for i = n-1 down to 1, draw j uniformly from
/// {0, ..., i} and swap items i and j. It uses exactly n - 1 calls of <see cref="Random.Next(int)"/>.
/// </remarks>
public static class Shuffling
{
    /// <summary>A uniformly random permutation of 0, 1, ..., <paramref name="count"/> - 1.</summary>
    /// <param name="count">The number of items n, &gt;= 0.</param>
    /// <param name="random">The source of randomness.</param>
    public static int[] Permutation(int count, Random random)
    {
        const string method = nameof(Shuffling) + "." + nameof(Permutation);
        DataChecks.AtLeast(count, 0, method, nameof(count));
        DataChecks.NotNull(random, method, nameof(random));
        var permutation = new int[count];
        for (int i = 0; i < count; i++)
        {
            permutation[i] = i;
        }

        ShuffleInPlace(permutation.AsSpan(), random);
        return permutation;
    }

    /// <summary>Shuffles <paramref name="items"/> in place into a uniformly random order (Fisher-Yates).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items to reorder.</param>
    /// <param name="random">The source of randomness.</param>
    public static void ShuffleInPlace<T>(Span<T> items, Random random)
    {
        DataChecks.NotNull(random, nameof(Shuffling) + "." + nameof(ShuffleInPlace), nameof(random));
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
