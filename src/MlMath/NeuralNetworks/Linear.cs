using MlMath.Autodiff;

namespace MlMath.NeuralNetworks;

/// <summary>
/// A fully connected layer y = x W + b: x is batch x inFeatures (one sample per row), W is
/// inFeatures x outFeatures, b a 1 x outFeatures row added to every sample.
/// </summary>
/// <remarks>Shapes: input n x in, output n x out. Weights start Glorot-uniform, biases zero (see
/// <see cref="Initializers"/>); pass another initialiser's matrix to <see cref="Parameter.Assign"/> to change it.</remarks>
public sealed class Linear : Module
{
    /// <summary>Creates the layer with Glorot-uniform weights drawn from <paramref name="random"/> and zero bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A feature count is not positive.</exception>
    public Linear(int inFeatures, int outFeatures, Random random, bool bias = true)
    {
        if (inFeatures <= 0 || outFeatures <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear: features {inFeatures} -> {outFeatures} must both be positive.");
        }

        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", new Parameter(Initializers.GlorotUniform(inFeatures, outFeatures, random), "weight"));
        if (bias) Bias = RegisterParameter("bias", new Parameter(Initializers.Zeros(1, outFeatures), "bias"));
    }

    /// <summary>Number of input features.</summary>
    public int InFeatures { get; }

    /// <summary>Number of output features.</summary>
    public int OutFeatures { get; }

    /// <summary>The inFeatures x outFeatures weight matrix W.</summary>
    public Parameter Weight { get; }

    /// <summary>The 1 x outFeatures bias b, or null when created without bias.</summary>
    public Parameter? Bias { get; }

    /// <summary>y = x W + b, as one <see cref="Variable.Affine"/> operation.</summary>
    /// <exception cref="ArgumentException">The input does not have <see cref="InFeatures"/> columns.</exception>
    public override Variable Forward(Variable input) => Forward(input, FusedActivation.Identity);

    /// <summary>
    /// y = act(x W + b) in one operation: what this layer followed by an <see cref="Activation"/> computes, with
    /// one intermediate matrix instead of three (<see cref="Sequential"/> uses it for such pairs).
    /// </summary>
    /// <exception cref="ArgumentException">The input does not have <see cref="InFeatures"/> columns.</exception>
    public Variable Forward(Variable input, FusedActivation activation)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns != InFeatures)
        {
            throw new ArgumentException($"Linear: input is {input.Shape}, but the layer expects {InFeatures} features (columns).", nameof(input));
        }

        return Variable.Affine(input, Weight, Bias, activation);
    }
}
