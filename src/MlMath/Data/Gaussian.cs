namespace MlMath.Data;

/// <summary>Standard normal samples from a <see cref="Random"/>, by the Box-Muller transform.</summary>
internal static class Gaussian
{
    /// <summary>
    /// One sample of N(0, 1): z = sqrt(-2 ln u1) cos(2 pi u2) with u1 uniform on (0, 1] and u2 uniform on [0, 1)
    /// (Box and Muller, 1958). Exactly two calls of <see cref="Random.NextDouble"/>; the sine partner is discarded
    /// so that the function keeps no state between calls.
    /// </summary>
    internal static double Sample(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
