namespace MlMath.NeuralNetworks;

/// <summary>The elementwise activation functions available as modules.</summary>
public enum ActivationKind
{
    /// <summary>y = x.</summary>
    Identity,

    /// <summary>y = tanh x.</summary>
    Tanh,

    /// <summary>y = 1 / (1 + e^-x).</summary>
    Sigmoid,

    /// <summary>y = max(x, 0).</summary>
    Relu,

    /// <summary>y = x for x &gt; 0, else 0.01 x.</summary>
    LeakyRelu,

    /// <summary>y = x for x &gt; 0, else e^x - 1.</summary>
    Elu,

    /// <summary>y = ln(1 + e^x).</summary>
    Softplus,
}
