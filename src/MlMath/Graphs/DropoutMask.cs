namespace MlMath.Graphs;

/// <summary>
/// Inverted-dropout masks drawn fast: each entry is 0 with probability p and 1 / (1 - p) otherwise. The
/// uniforms come from SplitMix64 (Steele, Lea &amp; Flood, OOPSLA 2014) seeded by one draw from the caller's
/// <see cref="Random"/>, so the same seed gives the same masks run after run; one 64-bit mix per entry is
/// several times cheaper than <see cref="Random.NextDouble"/> on a seeded Random, which matters when a
/// GAT epoch draws about 400 000 of them.
/// </summary>
internal static class DropoutMask
{
    /// <summary>Fills <paramref name="mask"/> with 0 (probability p) or 1 / (1 - p).</summary>
    public static void Fill(Span<double> mask, double p, Random random)
    {
        var scale = 1.0 / (1.0 - p);
        // u = (z >> 11) / 2^53 is uniform in [0, 1), and u < p exactly when (z >> 11) < ceil(p 2^53):
        // comparing integers avoids an unsigned-to-double conversion per entry.
        var threshold = (ulong)Math.Ceiling(p * 9007199254740992.0);
        var state = (ulong)random.NextInt64();
        for (var k = 0; k < mask.Length; k++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            mask[k] = (z >> 11) < threshold ? 0.0 : scale;
        }
    }
}
