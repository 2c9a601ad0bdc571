using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MlMath.DifferentialEquations.Pde;
using MlMath.NeuralNetworks;
using Xunit.Abstractions;

namespace MlMath.Tests.DifferentialEquations.Pde;

public sealed class PinnTests(ITestOutputHelper output)
{
    private const double Alpha = 1 / (Math.PI * Math.PI);

    /// <summary>u_t = alpha u_xx on [0, 1] x [0, 1], u(x, 0) = sin(pi x), u = 0 at both ends: u = exp(-t) sin(pi x).</summary>
    private static double Exact(double x, double t) => Math.Exp(-t) * Math.Sin(Math.PI * x);

    private static Pinn HeatPinn(Module network, SpaceTimeDomain domain, Random random) => new(network,
        f => f.Ut - f.Uxx * Alpha,
        domain.Sample(200, CollocationSampling.LatinHypercube, random),
        [
            PinnCondition.FromFunction("initial", domain.InitialLine(41), Exact),
            PinnCondition.FromFunction("left", domain.LeftBoundary(21), Exact),
            PinnCondition.FromFunction("right", domain.RightBoundary(21), Exact),
        ]);

    [Fact]
    public void A_pinn_learns_the_heat_equation_to_a_relative_L2_error_below_1e_2()
    {
        var domain = new SpaceTimeDomain(0, 1, 0, 1);
        var random = new Random(1);
        var network = PinnNetwork.Create(domain, [16, 16], random);
        var pinn = HeatPinn(network, domain, random);
        var clock = Stopwatch.StartNew();
        var result = pinn.Train(new PinnOptions { AdamIterations = 200, AdamLearningRate = 1e-2, LbfgsIterations = 300 });
        var grid = domain.Grid(41, 21);
        var predicted = pinn.Predict(grid);
        var exact = Matrix<double>.Build.Dense(grid.RowCount, 1, (i, _) => Exact(grid[i, 0], grid[i, 1]));
        var relative = (predicted - exact).FrobeniusNorm() / exact.FrobeniusNorm();
        output.WriteLine($"relative L2 error {relative:E3}, loss {result.FinalLoss:E3}, residual {result.ResidualLoss:E3}, L-BFGS {result.Lbfgs?.Iterations} its ({result.Lbfgs?.Reason}), {clock.Elapsed.TotalSeconds:F1} s");
        relative.Should().BeLessThan(1e-2);
        result.LossHistory[^1].Should().BeLessThan(result.LossHistory[0] / 100);
    }

    [Fact]
    public void The_fields_derivatives_equal_finite_differences_of_the_network()
    {
        var domain = new SpaceTimeDomain(-1, 2, 0, 0.5);
        var network = PinnNetwork.Create(domain, [8, 8], new Random(4));
        var points = domain.Sample(5, CollocationSampling.Uniform, new Random(5));
        var fields = new PinnFields(network, points);
        const double h = 1e-4;
        double U(double x, double t) => network.Forward(Matrix<double>.Build.Dense(1, 2, [x, t])).Value[0, 0];
        for (var i = 0; i < points.RowCount; i++)
        {
            var (x, t) = (points[i, 0], points[i, 1]);
            fields.U.Value[i, 0].Should().BeApproximately(U(x, t), 1e-14);
            fields.Ux.Value[i, 0].Should().BeApproximately((U(x + h, t) - U(x - h, t)) / (2 * h), 1e-7);
            fields.Ut.Value[i, 0].Should().BeApproximately((U(x, t + h) - U(x, t - h)) / (2 * h), 1e-7);
            fields.Uxx.Value[i, 0].Should().BeApproximately((U(x + h, t) - 2 * U(x, t) + U(x - h, t)) / (h * h), 1e-5);
        }
    }

    [Fact]
    public void The_loss_gradient_through_u_xx_equals_finite_differences_in_the_parameters()
    {
        var domain = new SpaceTimeDomain(0, 1, 0, 1);
        var random = new Random(6);
        var network = PinnNetwork.Create(domain, [6], random);
        var pinn = HeatPinn(network, domain, random);
        var parameters = network.Parameters();
        var gradients = MlMath.Autodiff.Gradients.Of(pinn.Loss(), parameters);
        const double h = 1e-6;
        for (var p = 0; p < parameters.Count; p++)
        {
            var value = parameters[p].Value;
            var (i, j) = (value.RowCount - 1, value.ColumnCount - 1);
            var saved = value[i, j];
            value[i, j] = saved + h;
            var up = pinn.Loss().Item;
            value[i, j] = saved - h;
            var down = pinn.Loss().Item;
            value[i, j] = saved;
            gradients[p].Value[i, j].Should().BeApproximately((up - down) / (2 * h), 1e-6, $"parameter {p}");
        }
    }

    [Fact]
    public void Latin_hypercube_points_fill_every_stratum_once_and_are_reproducible()
    {
        var points = LatinHypercube.Sample(50, 3, new Random(9));
        for (var j = 0; j < 3; j++)
        {
            Enumerable.Range(0, 50).Select(i => (int)(points[i, j] * 50)).Should().BeEquivalentTo(Enumerable.Range(0, 50));
        }

        LatinHypercube.Sample(50, 3, new Random(9)).Should().BeEquivalentTo(points);
        var domain = new SpaceTimeDomain(-1, 1, 0, 2);
        var sample = domain.Sample(100, CollocationSampling.LatinHypercube, new Random(1));
        sample.Column(0).Minimum().Should().BeGreaterThanOrEqualTo(-1);
        sample.Column(1).Maximum().Should().BeLessThan(2);
    }

    [Fact]
    public void Bad_shapes_fail_clearly()
    {
        var domain = new SpaceTimeDomain(0, 1, 0, 1);
        var network = PinnNetwork.Create(domain, [4], new Random(1));
        FluentActions.Invoking(() => new PinnFields(network, Matrix<double>.Build.Dense(3, 3))).Should().Throw<ArgumentException>().WithMessage("*3x3*n x 2*");
        FluentActions.Invoking(() => new PinnCondition("initial", domain.InitialLine(4), Matrix<double>.Build.Dense(3, 1))).Should().Throw<ArgumentException>().WithMessage("*initial*4x2*3x1*");
        var wrong = new Pinn(network, f => f.Ut.Transpose(), domain.Sample(3, CollocationSampling.Uniform, new Random(2)), []);
        FluentActions.Invoking(() => wrong.Loss()).Should().Throw<InvalidOperationException>().WithMessage("*1x3*3x1*");
    }
}
