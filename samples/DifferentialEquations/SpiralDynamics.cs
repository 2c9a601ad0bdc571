using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Samples.DifferentialEquations;

/// <summary>
/// f_theta(y) = MLP(y^3) with a 2-50-2 tanh MLP: the model of torchdiffeq's ode_demo, which feeds the network the
/// cubed state because the true dynamics are cubic (dy/dt = (y^3) A).
/// </summary>
public sealed class SpiralDynamics : Module
{
    private readonly Module _mlp;

    /// <summary>Creates the network with weights drawn from <paramref name="random"/>.</summary>
    public SpiralDynamics(Random random) => _mlp = RegisterModule("mlp", Mlp.Create([2, 50, 2], ActivationKind.Tanh, random));

    /// <summary>MLP(y .* y .* y), row by row.</summary>
    public override Variable Forward(Variable input) => _mlp.Forward(input.PointwiseMultiply(input.Square()));
}
