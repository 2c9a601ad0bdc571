using MlMath.Autodiff;

namespace MlMath.NeuralNetworks;

/// <summary>An elementwise activation function as a module (no parameters). Shapes: output = input.</summary>
public sealed class Activation(ActivationKind kind) : Module
{
    /// <summary>Which function this module applies.</summary>
    public ActivationKind Kind { get; } = kind;

    /// <summary>Applies the activation entrywise.</summary>
    public override Variable Forward(Variable input) => Kind switch
    {
        ActivationKind.Identity => input,
        ActivationKind.Tanh => input.Tanh(),
        ActivationKind.Sigmoid => input.Sigmoid(),
        ActivationKind.Relu => input.Relu(),
        ActivationKind.LeakyRelu => input.LeakyRelu(),
        ActivationKind.Elu => input.Elu(),
        ActivationKind.Softplus => input.Softplus(),
        _ => throw new InvalidOperationException($"Activation: unknown kind {Kind}."),
    };
}
