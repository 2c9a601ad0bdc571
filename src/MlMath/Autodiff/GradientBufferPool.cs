using System.Collections.Concurrent;

namespace MlMath.Autodiff;

/// <summary>
/// Large arrays that a backward pass made and finished with, kept for the next large result instead of being left
/// to the garbage collector.
/// </summary>
/// <remarks>
/// <para>
/// Why: .NET puts every array of more than 85,000 bytes (10,625 doubles) on the large-object heap, and each such
/// allocation brings the next full (gen-2) collection closer. A graph network on Cora makes a dozen node-feature
/// matrices of 346 KB to 1.4 MB per training epoch, half of them gradients that are dead as soon as the rule that
/// consumed them has run; with the default GC settings the epoch paid for a gen-2 collection every two or three
/// epochs. Smaller arrays are kept too, from 32 KB (a 128 x 64 batch of activations): an array the pass has just
/// written is still in the cache, and writing a 64 KB result into a reused one took 1.9 us against 4.7 us into a
/// freshly allocated one (TanhBackward, 8192 doubles, this project's machine).
/// </para>
/// <para>
/// What is recycled, and why that is safe: only arrays of at least <see cref="MinimumLength"/> doubles that were
/// allocated (by <see cref="DenseKernels.Uninitialized"/>) during the same plain backward pass, that travelled only
/// as gradients between nodes, and whose last holder in the engine's table of pending gradients has let go of
/// them. Such an array was never a forward value, never the caller's seed and never a leaf's gradient (those are
/// kept in the result), so nothing outside the engine can refer to it. Gradients handed to users' own backward
/// rules (<see cref="Variable.Custom"/>) are never recycled: the rule might keep them. With
/// <c>createGraph</c> nothing is recycled (gradients are then graph nodes).
/// </para>
/// <para>The pool holds at most <see cref="MaximumDoubles"/> doubles (64 MB); beyond that arrays are left to the GC.</para>
/// </remarks>
internal static class GradientBufferPool
{
    /// <summary>The smallest array worth keeping: 4096 doubles = 32 KB (smaller ones are cheap to allocate and rarely
    /// leave the cache).</summary>
    public const int MinimumLength = 4096;

    /// <summary>The most doubles the pool keeps (64 MB).</summary>
    public const long MaximumDoubles = 8L << 20;

    private static readonly ConcurrentDictionary<int, ConcurrentBag<double[]>> Free = new();
    private static long _pooled;

    /// <summary>Arrays allocated on this thread during the current plain backward pass (null outside one).</summary>
    [ThreadStatic]
    private static HashSet<double[]>? t_madeInPass;

    /// <summary>An array of <paramref name="length"/> doubles with arbitrary contents: from the pool if one is there.</summary>
    public static double[] Rent(int length)
    {
        double[]? array = null;
        if (length >= MinimumLength && Free.TryGetValue(length, out var bag) && bag.TryTake(out array))
        {
            Interlocked.Add(ref _pooled, -length);
        }

        array ??= GC.AllocateUninitializedArray<double>(length);
        if (length >= MinimumLength) t_madeInPass?.Add(array);
        return array;
    }

    /// <summary>Starts recording the arrays this thread allocates; returns the previous record (for nesting).</summary>
    public static HashSet<double[]>? BeginPass()
    {
        var previous = t_madeInPass;
        t_madeInPass = new HashSet<double[]>(ReferenceEqualityComparer.Instance);
        return previous;
    }

    /// <summary>Stops recording and restores the record of an enclosing pass.</summary>
    public static void EndPass(HashSet<double[]>? previous) => t_madeInPass = previous;

    /// <summary>Whether <paramref name="array"/> was made during the current pass and not exposed since.</summary>
    public static bool MadeInPass(double[] array) => t_madeInPass?.Contains(array) == true;

    /// <summary>Marks <paramref name="array"/> as seen by code outside the engine: it will not be recycled.</summary>
    public static void Expose(double[] array) => t_madeInPass?.Remove(array);

    /// <summary>How many arrays backward passes on this thread have given back so far (for tests and diagnostics).</summary>
    public static long ReturnedOnThisThread => t_returned;

    [ThreadStatic]
    private static long t_returned;

    /// <summary>Gives back an array that nothing refers to any more.</summary>
    public static void Return(double[] array)
    {
        t_madeInPass?.Remove(array);
        t_returned++;
        if (Interlocked.Add(ref _pooled, array.Length) > MaximumDoubles)
        {
            Interlocked.Add(ref _pooled, -array.Length);
            return;
        }

        Free.GetOrAdd(array.Length, _ => new ConcurrentBag<double[]>()).Add(array);
    }
}
