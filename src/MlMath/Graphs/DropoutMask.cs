using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    /// <summary>SplitMix64's increment, 2^64 / golden ratio, odd.</summary>
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The value of a kept entry, 1 / (1 - p) (1 when p = 0): rules that read a mask back use this same double.</summary>
    public static double KeptValue(double p) => 1.0 / (1.0 - p);

    /// <summary>Fills <paramref name="mask"/> with 0 (probability p) or <see cref="KeptValue"/>(p) = 1 / (1 - p).</summary>
    public static void Fill(Span<double> mask, double p, Random random)
    {
        var scale = KeptValue(p);
        // Each 64-bit output gives two 32-bit uniforms u = bits / 2^32; u < p exactly when bits < ceil(p 2^32), so
        // the comparison is on integers and p is honoured to within 2^-32.
        var threshold = (ulong)Math.Ceiling(p * 4294967296.0);
        var state = (ulong)random.NextInt64();
        var scaleBits = (ulong)BitConverter.DoubleToInt64Bits(scale);
        var k = Vector512.IsHardwareAccelerated ? FillVectorised(mask, threshold, scaleBits, ref state) : 0;
        for (; k + 1 < mask.Length; k += 2)
        {
            var z = Next(ref state);
            mask[k] = Decide(z & 0xFFFFFFFFUL, threshold, scaleBits);
            mask[k + 1] = Decide(z >> 32, threshold, scaleBits);
        }

        if (k < mask.Length) mask[k] = Decide(Next(ref state) & 0xFFFFFFFFUL, threshold, scaleBits);
    }

    /// <summary>
    /// The loop of <see cref="Fill"/> for whole blocks of 8 entries, 4 SplitMix64 draws at a time in AVX-512 lanes; returns
    /// the number of entries filled and leaves <paramref name="state"/> where the scalar loop continues. Draw d uses the
    /// state s0 + d gamma, so the lanes can start at once; each draw is computed in two neighbouring lanes, the even one
    /// keeping its low 32 bits and the odd one its high 32 bits, which puts the decisions in the scalar loop's order
    /// (bit-identical masks) without shuffling.
    /// </summary>
    /// <remarks>The shifts are written with the <c>&gt;&gt;&gt;</c> operator: on .NET 10 here,
    /// <c>Vector512.ShiftRightLogical(z, 30)</c> compiled to much slower code than the operator or the <c>Avx512F</c>
    /// intrinsic (two shift-xor steps over 49,216 entries: 22 us against 3). For Cora's 49,216 feature values this loop
    /// took 76 us with the method; with the operator it takes 23-27 us in some processes and 59-68 us in others (the
    /// same binary, cause not found).</remarks>
    private static int FillVectorised(Span<double> mask, ulong threshold, ulong scaleBits, ref ulong state)
    {
        var blocks = mask.Length / 8;
        var draw = Vector512.Create(1UL, 1, 2, 2, 3, 3, 4, 4) * Gamma + Vector512.Create(state);
        var step = Vector512.Create(unchecked(4 * Gamma));
        var highHalf = Vector512.Create(0UL, ulong.MaxValue, 0, ulong.MaxValue, 0, ulong.MaxValue, 0, ulong.MaxValue);
        var (limit, scale) = (Vector512.Create(threshold), Vector512.Create(scaleBits));
        for (var b = 0; b < blocks; b++)
        {
            var z = draw;
            z = (z ^ (z >>> 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL); // >>> rather than ShiftRightLogical: see the remarks
            z = (z ^ (z >>> 27)) * Vector512.Create(0x94D049BB133111EBUL);
            z ^= z >>> 31;
            var bits = Vector512.ConditionalSelect(highHalf, z >>> 32, z & Vector512.Create(0xFFFFFFFFUL));
            var keep = Vector512.GreaterThanOrEqual(bits, limit); // all ones where kept
            (scale & keep).AsDouble().StoreUnsafe(ref mask[b * 8]);
            draw += step;
        }

        state += unchecked((ulong)blocks * 4 * Gamma);
        return blocks * 8;
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
        state += Gamma;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
