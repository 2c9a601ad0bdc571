using MlMath.DifferentialEquations.Pde;

namespace MlMath.Exercises.Tests;

/// <summary>Checks for exercises 5b.1 to 5b.3 against the library's solvers and closed forms.</summary>
public sealed class PdeExercisesTests
{
    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.6)]
    public void Exercise_5b_1_gives_the_factor_one_FTCS_step_multiplies_a_Fourier_mode_by(double r)
    {
        // Apply one FTCS step to the periodic mode cos(theta j) on a ring of 16 nodes and read off the factor.
        const int n = 16;
        for (var k = 0; k <= n / 2; k++)
        {
            var theta = 2 * Math.PI * k / n;
            var u = Enumerable.Range(0, n).Select(j => Math.Cos(theta * j)).ToArray();
            var next = Enumerable.Range(0, n).Select(j => u[j] + r * (u[(j + n - 1) % n] - 2 * u[j] + u[(j + 1) % n])).ToArray();
            PdeExercises.FtcsAmplificationFactor(r, theta).Should().BeApproximately(next[0] / u[0], 1e-12);
        }

        var worst = Enumerable.Range(0, 101).Max(i => Math.Abs(PdeExercises.FtcsAmplificationFactor(r, Math.PI * i / 100)));
        (worst <= 1 + 1e-12).Should().Be(r <= 0.5, "FTCS is stable iff r <= 1/2");
    }

    [Fact]
    public void Exercise_5b_2_solves_tridiagonal_systems_like_the_library()
    {
        var random = new Random(5);
        foreach (var n in new[] { 1, 2, 50 })
        {
            var a = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            var c = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            var b = Enumerable.Range(0, n).Select(i => 1.5 + random.NextDouble()).ToArray();
            var d = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            PdeExercises.SolveTridiagonal(a, b, c, d).Should().Equal(ThomasAlgorithm.Solve(a, b, c, d), (x, y) => Math.Abs(x - y) < 1e-12);
        }
    }

    [Theory]
    [InlineData(100, 100, 0.05, 0.2, 1.0)]
    [InlineData(90, 110, 0.01, 0.35, 0.25)]
    public void Exercise_5b_3_gives_the_call_vega_of_the_closed_form(double s, double k, double r, double sigma, double t)
    {
        var expected = BlackScholesFormula.Greeks(new EuropeanOption(OptionType.Call, k, t), new BlackScholesModel(r, sigma), s).Vega;
        PdeExercises.CallVega(s, k, r, sigma, t).Should().BeApproximately(expected, 1e-10);
    }
}
