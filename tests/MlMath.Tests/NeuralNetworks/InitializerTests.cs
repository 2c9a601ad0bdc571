using MlMath.NeuralNetworks;

namespace MlMath.Tests.NeuralNetworks;

/// <summary>Sample moments of the initialisers against their closed-form variances (enough entries that the
/// sample variance is within a few percent: its relative standard error is about sqrt(2 / n)).</summary>
public sealed class InitializerTests
{
    private static (double Mean, double Variance) Moments(MathNet.Numerics.LinearAlgebra.Matrix<double> m)
    {
        var values = m.Enumerate().ToArray();
        var mean = values.Average();
        return (mean, values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    [Fact]
    public void Glorot_and_He_have_the_variances_they_promise()
    {
        var random = new Random(3);
        var (m1, v1) = Moments(Initializers.GlorotUniform(300, 200, random));
        v1.Should().BeApproximately(2.0 / 500, 0.03 * 2.0 / 500);
        m1.Should().BeApproximately(0.0, 0.002);
        var (_, v2) = Moments(Initializers.GlorotNormal(300, 200, random));
        v2.Should().BeApproximately(2.0 / 500, 0.03 * 2.0 / 500);
        var (_, v3) = Moments(Initializers.HeUniform(300, 200, random));
        v3.Should().BeApproximately(2.0 / 300, 0.03 * 2.0 / 300);
        var (_, v4) = Moments(Initializers.HeNormal(300, 200, random));
        v4.Should().BeApproximately(2.0 / 300, 0.03 * 2.0 / 300);
    }

    [Fact]
    public void Uniform_stays_inside_its_bounds_and_normal_has_gaussian_tails()
    {
        var u = Initializers.GlorotUniform(100, 100, new Random(4));
        var bound = Math.Sqrt(6.0 / 200);
        u.Enumerate().Should().OnlyContain(v => Math.Abs(v) <= bound);
        // P(|Z| > 2) = 0.0455 for a standard normal.
        var z = Initializers.Normal(200, 200, 1.0, new Random(5));
        var tail = z.Enumerate().Count(v => Math.Abs(v) > 2.0) / 40000.0;
        tail.Should().BeApproximately(0.0455, 0.004);
    }

    [Fact]
    public void Bad_shapes_are_rejected()
    {
        FluentActions.Invoking(() => Initializers.Zeros(0, 3)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0x3*");
    }
}
