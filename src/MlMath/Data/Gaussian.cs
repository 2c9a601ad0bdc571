namespace MlMath.Data;

/// <summary>
/// Normal samples from a <see cref="Random"/> by the Box-Muller transform (Box and Muller, 1958; Glasserman,
/// Monte Carlo Methods in Financial Engineering, 2003, sec. 2.3.2): for u1 uniform on (0, 1] and u2 uniform on
/// [0, 1), sqrt(-2 ln u1) cos(2 pi u2) and sqrt(-2 ln u1) sin(2 pi u2) are two independent N(0, 1). The one
/// implementation of the transform in the library: data generators, initialisers, noise, t-SNE and Monte Carlo
/// all draw through it.
/// </summary>
internal static class Gaussian
{
    /// <summary>
    /// One sample of N(0, scale^2): scale sqrt(-2 ln u1) cos(2 pi u2). Exactly two calls of
    /// <see cref="Random.NextDouble"/>; the sine partner is discarded so that the function keeps no state.
    /// </summary>
    internal static double Sample(Random random, double scale = 1.0)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return scale * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with independent N(0, scale^2) draws, both variates of each pair of
    /// uniforms used (an odd last entry discards its sine partner).
    /// </summary>
    internal static void Fill(Random random, Span<double> destination, double scale = 1.0)
    {
        for (var i = 0; i < destination.Length; i += 2)
        {
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            var angle = 2.0 * Math.PI * random.NextDouble();
            destination[i] = scale * radius * Math.Cos(angle);
            if (i + 1 < destination.Length) destination[i + 1] = scale * radius * Math.Sin(angle);
        }
    }
}
