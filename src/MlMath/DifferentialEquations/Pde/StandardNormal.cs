namespace MlMath.DifferentialEquations.Pde;

/// <summary>Standard normal variates from a given <see cref="Random"/> by the Box-Muller transform (Glasserman 2003,
/// section 2.3.2): Z1 = sqrt(-2 ln U1) cos(2 pi U2), Z2 = sqrt(-2 ln U1) sin(2 pi U2), with U1 in (0, 1].</summary>
internal static class StandardNormal
{
    /// <summary>Fills <paramref name="destination"/> with independent N(0, 1) draws (two per pair of uniforms).</summary>
    public static void Fill(Random random, Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i += 2)
        {
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            destination[i] = radius * Math.Cos(angle);
            if (i + 1 < destination.Length) destination[i + 1] = radius * Math.Sin(angle);
        }
    }
}
