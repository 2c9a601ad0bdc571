using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Data;

namespace MlMath.Manifolds;

/// <summary>
/// Synthetic data on curved two-dimensional surfaces in R^3, returned with the intrinsic coordinates that a
/// good embedding should recover. Isotropic Gaussian noise N(0, noise^2) is added to every coordinate.
/// </summary>
/// <remarks>
/// The formulas follow scikit-learn's make_swiss_roll and make_s_curve (re-derived and stated here); the
/// numbers differ from theirs (another random number generator). All randomness comes from the given
/// <see cref="Random"/>, in the order the points are generated; the same seed gives bit-identical data.
/// </remarks>
public static class ManifoldGenerators
{
    /// <summary>
    /// The swiss roll: t = 3 pi / 2 (1 + 2 u), h = 21 v with u, v ~ U(0, 1), and the point
    /// (t cos t, h, t sin t) + noise. Intrinsic coordinates (t, h): the sheet unrolled.
    /// </summary>
    /// <param name="count">n &gt;= 1.</param>
    /// <param name="noise">Standard deviation of the noise, &gt;= 0.</param>
    /// <param name="random">The source of randomness.</param>
    public static ManifoldSample SwissRoll(int count, double noise, Random random) =>
        Generate(count, noise, random, "ManifoldGenerators.SwissRoll", (u, v) =>
        {
            var t = 1.5 * Math.PI * (1 + 2 * u);
            var h = 21 * v;
            return ((t * Math.Cos(t), h, t * Math.Sin(t)), (t, h));
        });

    /// <summary>
    /// The S-curve: t = 3 pi (u - 1/2), h = 2 v, and the point (sin t, h, sign(t) (cos t - 1)) + noise.
    /// Intrinsic coordinates (t, h).
    /// </summary>
    /// <param name="count">n &gt;= 1.</param>
    /// <param name="noise">Standard deviation of the noise, &gt;= 0.</param>
    /// <param name="random">The source of randomness.</param>
    public static ManifoldSample SCurve(int count, double noise, Random random) =>
        Generate(count, noise, random, "ManifoldGenerators.SCurve", (u, v) =>
        {
            var t = 3 * Math.PI * (u - 0.5);
            return ((Math.Sin(t), 2 * v, Math.Sign(t) * (Math.Cos(t) - 1)), (t, 2 * v));
        });

    /// <summary>
    /// Points uniform on the unit sphere: polar angle theta = arccos(1 - 2 u), azimuth phi = 2 pi v, the point
    /// (sin theta cos phi, sin theta sin phi, cos theta) + noise. Intrinsic coordinates (theta, phi). A closed
    /// surface: no map to the plane keeps all neighbourhoods, which makes it a useful hard case.
    /// </summary>
    /// <param name="count">n &gt;= 1.</param>
    /// <param name="noise">Standard deviation of the noise, &gt;= 0.</param>
    /// <param name="random">The source of randomness.</param>
    public static ManifoldSample NoisySphere(int count, double noise, Random random) =>
        Generate(count, noise, random, "ManifoldGenerators.NoisySphere", (u, v) =>
        {
            var theta = Math.Acos(1 - 2 * u);
            var phi = 2 * Math.PI * v;
            return ((Math.Sin(theta) * Math.Cos(phi), Math.Sin(theta) * Math.Sin(phi), Math.Cos(theta)), (theta, phi));
        });

    private static ManifoldSample Generate(int count, double noise, Random random, string method,
        Func<double, double, ((double X, double Y, double Z) Point, (double A, double B) Intrinsic)> surface)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"{method}: count must be at least 1.");
        if (!(noise >= 0) || !double.IsFinite(noise)) throw new ArgumentOutOfRangeException(nameof(noise), noise, ManifoldChecks.F($"{method}: noise = {noise} must be finite and non-negative."));
        ManifoldChecks.NotNull(random, method, nameof(random));
        var points = new DenseMatrix(count, 3);
        var intrinsic = new DenseMatrix(count, 2);
        for (var i = 0; i < count; i++)
        {
            var u = random.NextDouble();
            var v = random.NextDouble();
            var (p, c) = surface(u, v);
            points[i, 0] = p.X + noise * Gaussian.Sample(random);
            points[i, 1] = p.Y + noise * Gaussian.Sample(random);
            points[i, 2] = p.Z + noise * Gaussian.Sample(random);
            intrinsic[i, 0] = c.A;
            intrinsic[i, 1] = c.B;
        }

        return new ManifoldSample(points, intrinsic);
    }
}
