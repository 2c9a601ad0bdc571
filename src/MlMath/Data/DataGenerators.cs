using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Data;

/// <summary>
/// Synthetic two-dimensional classification problems (and Gaussian blobs in any dimension) for trying out
/// classifiers: each is a formula for noiseless points plus independent Gaussian noise N(0, noise^2) added to every
/// coordinate.
/// </summary>
/// <remarks>
/// <para>Balance: the samples are shared between the classes as evenly as possible (class sizes differ by at
/// most one, the lower labels getting the extra samples).</para>
/// <para>Randomness: all noise comes from the given <see cref="Random"/> (Box-Muller normals), drawn in the order
/// the points are generated, and then the rows are shuffled with a Fisher-Yates permutation from the same
/// <see cref="Random"/> so that the classes are interleaved. The same seed gives bit-identical data.</para>
/// <para>These follow the conventions of scikit-learn's make_moons, make_circles and make_blobs, and the spiral
/// data of Stanford's CS231n notes, re-derived and stated here; the numbers differ from theirs (another RNG).</para>
/// </remarks>
public static class DataGenerators
{
    /// <summary>
    /// Two interleaving half circles ("two moons"), a problem that no linear classifier separates.
    /// </summary>
    /// <remarks>
    /// Class 0 (upper moon, ceil(n/2) points): (cos t, sin t). Class 1 (lower moon, floor(n/2) points):
    /// (1 - cos t, 1/2 - sin t). For a class of m points, t_i = pi i / (m - 1), i = 0..m-1, evenly spaced over
    /// [0, pi] (t = 0 when m = 1). So without noise class 0 lies on the upper half of the unit circle about (0, 0)
    /// and class 1 on the lower half of the unit circle about (1, 1/2).
    /// </remarks>
    /// <param name="count">The number of samples n, &gt;= 2.</param>
    /// <param name="noise">The standard deviation of the Gaussian noise on each coordinate, &gt;= 0.</param>
    /// <param name="random">The source of randomness.</param>
    /// <returns>An n x 2 classification data set with labels 0 and 1.</returns>
    public static Dataset TwoMoons(int count, double noise, Random random)
    {
        const string method = nameof(DataGenerators) + "." + nameof(TwoMoons);
        DataChecks.AtLeast(count, 2, method, nameof(count));
        DataChecks.FiniteNonNegative(noise, method, nameof(noise));
        DataChecks.NotNull(random, method, nameof(random));
        var points = new List<(double X, double Y, int Label)>(count);
        int upper = (count + 1) / 2;
        AddArc(points, upper, 0, noise, random, t => (Math.Cos(t), Math.Sin(t)));
        AddArc(points, count - upper, 1, noise, random, t => (1 - Math.Cos(t), 0.5 - Math.Sin(t)));
        return Assemble(points, random);

        static void AddArc(List<(double, double, int)> points, int m, int label, double noise, Random random, Func<double, (double X, double Y)> curve)
        {
            for (int i = 0; i < m; i++)
            {
                double t = m == 1 ? 0 : Math.PI * i / (m - 1);
                var (x, y) = curve(t);
                points.Add((x + noise * Gaussian.Sample(random), y + noise * Gaussian.Sample(random), label));
            }
        }
    }

    /// <summary>
    /// Two concentric circles: a problem that becomes linearly separable only in the feature r^2 = x^2 + y^2.
    /// </summary>
    /// <remarks>
    /// Class 0 (outer, ceil(n/2) points): (cos t, sin t), radius 1. Class 1 (inner, floor(n/2) points):
    /// factor (cos t, sin t), radius <paramref name="factor"/>. For a class of m points t_i = 2 pi i / m,
    /// i = 0..m-1, evenly spaced around the circle.
    /// </remarks>
    /// <param name="count">The number of samples n, &gt;= 2.</param>
    /// <param name="noise">The standard deviation of the Gaussian noise on each coordinate, &gt;= 0.</param>
    /// <param name="factor">The radius of the inner circle relative to the outer one, in (0, 1).</param>
    /// <param name="random">The source of randomness.</param>
    /// <returns>An n x 2 classification data set with labels 0 (outer) and 1 (inner).</returns>
    public static Dataset Circles(int count, double noise, double factor, Random random)
    {
        const string method = nameof(DataGenerators) + "." + nameof(Circles);
        DataChecks.AtLeast(count, 2, method, nameof(count));
        DataChecks.FiniteNonNegative(noise, method, nameof(noise));
        if (!(factor > 0 && factor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                $"{method}: factor must be in (0, 1) but is {DataChecks.Format(factor)}");
        }

        DataChecks.NotNull(random, method, nameof(random));
        var points = new List<(double X, double Y, int Label)>(count);
        int outer = (count + 1) / 2;
        foreach (var (m, radius, label) in new[] { (outer, 1.0, 0), (count - outer, factor, 1) })
        {
            for (int i = 0; i < m; i++)
            {
                double t = 2 * Math.PI * i / m;
                points.Add((radius * Math.Cos(t) + noise * Gaussian.Sample(random),
                            radius * Math.Sin(t) + noise * Gaussian.Sample(random), label));
            }
        }

        return Assemble(points, random);
    }

    /// <summary>
    /// Interleaved spiral arms, one per class, turning out from the origin (a classic test of non-linear
    /// decision boundaries).
    /// </summary>
    /// <remarks>
    /// For class k of K and i = 0..m-1: radius r_i = (i + 1) / m in (0, 1], angle
    /// theta_ki = 2 pi k / K + 4 r_i (radians; each arm sweeps 4 rad, about 0.64 of a turn, and the arms start
    /// 2 pi / K apart), point r_i (cos theta_ki, sin theta_ki) plus noise.
    /// </remarks>
    /// <param name="countPerClass">The number of points m on each arm, &gt;= 1.</param>
    /// <param name="classCount">The number of arms K, &gt;= 1.</param>
    /// <param name="noise">The standard deviation of the Gaussian noise on each coordinate, &gt;= 0.</param>
    /// <param name="random">The source of randomness.</param>
    /// <returns>A (K m) x 2 classification data set with labels 0..K-1, m of each.</returns>
    public static Dataset Spirals(int countPerClass, int classCount, double noise, Random random)
    {
        const string method = nameof(DataGenerators) + "." + nameof(Spirals);
        DataChecks.AtLeast(countPerClass, 1, method, nameof(countPerClass));
        DataChecks.AtLeast(classCount, 1, method, nameof(classCount));
        DataChecks.FiniteNonNegative(noise, method, nameof(noise));
        DataChecks.NotNull(random, method, nameof(random));
        long total = (long)countPerClass * classCount;
        if (total > Array.MaxLength / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(countPerClass), countPerClass,
                string.Create(CultureInfo.InvariantCulture, $"{method}: countPerClass x classCount = {total} is too many samples"));
        }

        var points = new List<(double X, double Y, int Label)>((int)total);
        for (int k = 0; k < classCount; k++)
        {
            for (int i = 0; i < countPerClass; i++)
            {
                double r = (i + 1.0) / countPerClass;
                double theta = 2 * Math.PI * k / classCount + 4 * r;
                points.Add((r * Math.Cos(theta) + noise * Gaussian.Sample(random),
                            r * Math.Sin(theta) + noise * Gaussian.Sample(random), k));
            }
        }

        return Assemble(points, random);
    }

    /// <summary>
    /// Isotropic Gaussian blobs: sample i of class c is centers[c] + standardDeviation z with z ~ N(0, I_d).
    /// </summary>
    /// <param name="count">The number of samples n, &gt;= 0, shared between the k centers as evenly as possible.</param>
    /// <param name="centers">k x d matrix whose row c is the mean of class c (k, d &gt;= 1; finite).</param>
    /// <param name="standardDeviation">The standard deviation of every coordinate around its center, &gt;= 0.</param>
    /// <param name="random">The source of randomness.</param>
    /// <returns>An n x d classification data set with labels 0..k-1.</returns>
    public static Dataset Blobs(int count, Matrix<double> centers, double standardDeviation, Random random)
    {
        const string method = nameof(DataGenerators) + "." + nameof(Blobs);
        DataChecks.AtLeast(count, 0, method, nameof(count));
        DataChecks.NotNull(centers, method, nameof(centers));
        if (centers.RowCount == 0 || centers.ColumnCount == 0)
        {
            throw new ArgumentException(
                $"{method}: centers must have at least one row and one column but is {DataChecks.Shape(centers)}", nameof(centers));
        }

        DataChecks.AllFinite(centers, method, nameof(centers));
        DataChecks.FiniteNonNegative(standardDeviation, method, nameof(standardDeviation));
        DataChecks.NotNull(random, method, nameof(random));
        int k = centers.RowCount, d = centers.ColumnCount;
        var features = Matrix<double>.Build.Dense(count, d);
        var labels = new int[count];
        int row = 0;
        for (int c = 0; c < k; c++)
        {
            int size = count / k + (c < count % k ? 1 : 0);
            for (int s = 0; s < size; s++, row++)
            {
                labels[row] = c;
                for (int j = 0; j < d; j++)
                {
                    features[row, j] = centers[c, j] + standardDeviation * Gaussian.Sample(random);
                }
            }
        }

        var names = Enumerable.Range(0, k).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        return Dataset.Classification(features, labels, names).Shuffled(random);
    }

    private static Dataset Assemble(List<(double X, double Y, int Label)> points, Random random)
    {
        var features = Matrix<double>.Build.Dense(points.Count, 2, (i, j) => j == 0 ? points[i].X : points[i].Y);
        var labels = points.Select(p => p.Label).ToArray();
        return Dataset.Classification(features, labels).Shuffled(random);
    }
}
