using System.Runtime.CompilerServices;

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
        // Each 64-bit output gives two 32-bit uniforms u = bits / 2^32; u < p exactly when bits < ceil(p 2^32), so
        // the comparison is on integers and p is honoured to within 2^-32.
        var threshold = (ulong)Math.Ceiling(p * 4294967296.0);
        var state = (ulong)random.NextInt64();
        var scaleBits = (ulong)BitConverter.DoubleToInt64Bits(scale);
        var k = 0;
        for (; k + 1 < mask.Length; k += 2)
        {
            var z = Next(ref state);
            mask[k] = Decide(z & 0xFFFFFFFFUL, threshold, scaleBits);
            mask[k + 1] = Decide(z >> 32, threshold, scaleBits);
        }

        if (k < mask.Length) mask[k] = Decide(Next(ref state) & 0xFFFFFFFFUL, threshold, scaleBits);
    }

    /// <summary>
    /// 0 when bits &lt; threshold, else the double whose bits are <paramref name="scaleBits"/>, without a branch:
    /// a branch on a random decision is mispredicted about every other time, which made this loop four times slower.
    /// Both operands are below 2^33, so bits - threshold wraps around (top bit set) exactly when bits &lt; threshold;
    /// that bit minus one is all ones (keep) or zero (drop), and it masks the bits of the scale.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Decide(ulong bits, ulong threshold, ulong scaleBits) =>
        BitConverter.Int64BitsToDouble((long)(scaleBits & (((bits - threshold) >> 63) - 1UL)));

    /// <summary>One SplitMix64 step: advance the state by the golden-ratio increment and mix it.</summary>
    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
