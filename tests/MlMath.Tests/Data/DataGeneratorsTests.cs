using MathNet.Numerics.LinearAlgebra;
using MlMath.Data;

namespace MlMath.Tests.Data;

public sealed class DataGeneratorsTests
{
    [Fact]
    public void Two_moons_without_noise_lie_on_their_half_circles()
    {
        // Convention: class 0 is (cos t, sin t), class 1 is (1 - cos t, 1/2 - sin t), t in [0, pi].
        var data = DataGenerators.TwoMoons(101, 0, new Random(1));
        data.Count.Should().Be(101);
        data.ClassCounts().Should().Equal(51, 50);
        for (int i = 0; i < data.Count; i++)
        {
            double x = data.Features[i, 0], y = data.Features[i, 1];
            if (data.Labels![i] == 0)
            {
                Math.Sqrt(x * x + y * y).Should().BeApproximately(1, 1e-14);
                y.Should().BeGreaterThanOrEqualTo(-1e-15);
            }
            else
            {
                Math.Sqrt((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5)).Should().BeApproximately(1, 1e-14);
                y.Should().BeLessThanOrEqualTo(0.5 + 1e-15);
            }
        }

        // The end points t = 0 and t = pi are included.
        var upper = Rows(data, 0);
        upper.Should().ContainSingle(p => Math.Abs(p.X - 1) < 1e-15 && Math.Abs(p.Y) < 1e-15);
        upper.Should().ContainSingle(p => Math.Abs(p.X + 1) < 1e-15 && Math.Abs(p.Y) < 1e-15);
    }

    [Fact]
    public void Circles_without_noise_have_radius_one_and_factor()
    {
        var data = DataGenerators.Circles(40, 0, 0.3, new Random(2));
        data.ClassCounts().Should().Equal(20, 20);
        Rows(data, 0).Should().OnlyContain(p => Math.Abs(Math.Sqrt(p.X * p.X + p.Y * p.Y) - 1) < 1e-14);
        Rows(data, 1).Should().OnlyContain(p => Math.Abs(Math.Sqrt(p.X * p.X + p.Y * p.Y) - 0.3) < 1e-14);
    }

    [Fact]
    public void Spirals_have_balanced_arms_with_the_stated_radius_and_angle()
    {
        var data = DataGenerators.Spirals(25, 3, 0, new Random(3));
        data.Count.Should().Be(75);
        data.ClassCounts().Should().Equal(25, 25, 25);
        foreach (int k in new[] { 0, 1, 2 })
        {
            // r = (i + 1) / m, theta = 2 pi k / K + 4 r, so the radius takes every value (i + 1) / 25 once.
            var points = Rows(data, k);
            points.Select(p => Math.Round(25 * Math.Sqrt(p.X * p.X + p.Y * p.Y), 9)).Order()
                .Should().Equal(Enumerable.Range(1, 25).Select(i => (double)i));
            points.Should().OnlyContain(p => AngleDifference(Math.Atan2(p.Y, p.X),
                2 * Math.PI * k / 3 + 4 * Math.Sqrt(p.X * p.X + p.Y * p.Y)) < 1e-9);
        }
    }

    [Fact]
    public void Blobs_share_samples_evenly_and_centre_on_their_means()
    {
        var centers = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 0 }, { 10, -10, 5 } });
        var data = DataGenerators.Blobs(2001, centers, 0.5, new Random(4));
        data.FeatureCount.Should().Be(3);
        data.ClassCounts().Should().Equal(1001, 1000);
        for (int c = 0; c < 2; c++)
        {
            var rows = Enumerable.Range(0, data.Count).Where(i => data.Labels![i] == c).ToArray();
            for (int j = 0; j < 3; j++)
            {
                // Sample mean of 1000 N(mu, 0.25) values: standard error 0.5 / sqrt(1000) = 0.016; allow 5 of them.
                rows.Average(i => data.Features[i, j]).Should().BeApproximately(centers[c, j], 0.08);
            }
        }
    }

    [Fact]
    public void Noise_has_the_requested_standard_deviation()
    {
        // One blob centred at the origin: every coordinate is pure noise N(0, 0.1^2); 40000 values give the std to about 0.5%.
        var blob = DataGenerators.Blobs(20000, Matrix<double>.Build.Dense(1, 2), 0.1, new Random(5));
        var values = blob.Features.Enumerate().ToArray();
        double mean = values.Average();
        Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average()).Should().BeApproximately(0.1, 0.002);
    }

    [Fact]
    public void Generators_are_deterministic_for_a_seed_and_differ_between_seeds()
    {
        var a = DataGenerators.TwoMoons(50, 0.1, new Random(9));
        var b = DataGenerators.TwoMoons(50, 0.1, new Random(9));
        var c = DataGenerators.TwoMoons(50, 0.1, new Random(10));
        a.Features.Should().BeEquivalentTo(b.Features);
        a.Labels.Should().Equal(b.Labels);
        a.Features.Column(0).ToArray().Should().NotEqual(c.Features.Column(0).ToArray());
        DataGenerators.Spirals(10, 2, 0.2, new Random(1)).Features.Should()
            .BeEquivalentTo(DataGenerators.Spirals(10, 2, 0.2, new Random(1)).Features);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_their_values()
    {
        FluentActions.Invoking(() => DataGenerators.TwoMoons(1, 0, new Random(1)))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*count must be >= 2 but is 1*");
        FluentActions.Invoking(() => DataGenerators.TwoMoons(10, -0.5, new Random(1)))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*noise must be finite and >= 0 but is -0.5*");
        FluentActions.Invoking(() => DataGenerators.Circles(10, 0, 1, new Random(1)))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*factor must be in (0, 1) but is 1*");
        FluentActions.Invoking(() => DataGenerators.Blobs(10, Matrix<double>.Build.Dense(0, 2), 1, new Random(1)))
            .Should().Throw<ArgumentException>().WithMessage("*centers*0x2*");
    }

    private static List<(double X, double Y)> Rows(Dataset data, int label) =>
        Enumerable.Range(0, data.Count).Where(i => data.Labels![i] == label)
            .Select(i => (data.Features[i, 0], data.Features[i, 1])).ToList();

    private static double AngleDifference(double a, double b)
    {
        double d = Math.IEEERemainder(a - b, 2 * Math.PI);
        return Math.Abs(d);
    }
}
