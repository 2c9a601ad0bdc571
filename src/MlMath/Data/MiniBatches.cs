namespace MlMath.Data;

/// <summary>
/// The index sets of one epoch of mini-batch training: the rows 0..n-1, optionally shuffled, cut into
/// consecutive batches of a fixed size.
/// </summary>
public static class MiniBatches
{
    /// <summary>
    /// The row indices of each mini-batch of one epoch. Without dropping, every index in [0, <paramref name="count"/>)
    /// appears in exactly one batch; there are ceil(n / b) batches, all of size b except a last one of size n mod b
    /// when b does not divide n. With <paramref name="dropLast"/> that partial batch is left out (floor(n / b) batches).
    /// </summary>
    /// <param name="count">The number of samples n, &gt;= 0.</param>
    /// <param name="batchSize">The batch size b, &gt;= 1.</param>
    /// <param name="shuffle">When given, the order is a fresh Fisher-Yates permutation drawn from it each time the
    /// sequence is enumerated (so two enumerations are two different epochs); when null, rows in order.</param>
    /// <param name="dropLast">Leave out a last batch smaller than <paramref name="batchSize"/>.</param>
    /// <returns>The batches, produced lazily; arguments are checked at the call.</returns>
    public static IEnumerable<int[]> Indices(int count, int batchSize, Random? shuffle = null, bool dropLast = false)
    {
        const string method = nameof(MiniBatches) + "." + nameof(Indices);
        DataChecks.AtLeast(count, 0, method, nameof(count));
        DataChecks.AtLeast(batchSize, 1, method, nameof(batchSize));
        return Enumerate(count, batchSize, shuffle, dropLast);
    }

    private static IEnumerable<int[]> Enumerate(int count, int batchSize, Random? shuffle, bool dropLast)
    {
        int[] order = shuffle is null ? Enumerable.Range(0, count).ToArray() : Shuffling.Permutation(count, shuffle);
        for (int start = 0; start < count; start += batchSize)
        {
            int size = Math.Min(batchSize, count - start);
            if (size < batchSize && dropLast)
            {
                yield break;
            }

            yield return order.AsSpan(start, size).ToArray();
        }
    }
}
