using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.DifferentialEquations;
using MlMath.NeuralNetworks;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.DifferentialEquations;

public sealed class CubedStateDynamicsTests
{
    private static readonly DenseMatrix State = DenseMatrix.OfArray(new[,] { { 0.5, -1.2 }, { -0.7, 0.9 }, { 1.4, 0.3 } });

    [Fact]
    public void It_computes_the_network_of_the_cubed_state()
    {
        var network = Mlp.Create([2, 5, 2], ActivationKind.Tanh, new Random(1));
        var dynamics = new CubedStateDynamics(network);
        var x = Variable.Constant(State);
        var expected = network.Forward(x.PointwiseMultiply(x.Square())).Value;
        (dynamics.Forward(x).Value - expected).InfinityNorm().Should().BeLessThan(1e-15);
        dynamics.Parameters().Should().Equal(network.Parameters());
    }

    [Fact]
    public void Gradients_with_respect_to_the_state_and_the_parameters_match_central_differences()
    {
        var dynamics = new CubedStateDynamics(Mlp.Create([2, 5, 2], ActivationKind.Tanh, new Random(2)));
        var errors = ModuleGradientCheck.WorstRelativeErrors(dynamics, State, new Random(3));
        errors.Should().OnlyContain(e => e.Value < 1e-7, string.Join(", ", errors.Select(e => $"{e.Key}: {e.Value:E2}")));
    }

    [Fact]
    public void The_cube_op_has_first_and_second_derivatives_3x2_and_6x()
    {
        var x = new Variable(State.Clone(), requiresGrad: true);
        var g = DenseMatrix.OfArray(new[,] { { 1.0, 2.0 }, { -0.5, 0.25 }, { 3.0, -1.0 } });
        var first = Gradients.Of(CubedStateDynamics.Cube(x), x, seed: Variable.Constant(g), createGraph: true);
        var second = Gradients.Of(first.Sum(), x).Value;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                first.Value[i, j].Should().BeApproximately(3 * State[i, j] * State[i, j] * g[i, j], 1e-14);
                second[i, j].Should().BeApproximately(6 * State[i, j] * g[i, j], 1e-14);
            }
        }

        var plain = Gradients.Of(CubedStateDynamics.Cube(x), x, seed: Variable.Constant(g)).Value;
        (plain - first.Value).InfinityNorm().Should().BeLessThan(1e-13);
    }
}
