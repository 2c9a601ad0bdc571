namespace MlMath.Autodiff;

/// <summary>
/// The activations <see cref="Variable.Affine"/> can apply in the same operation as the product: those whose
/// derivative can be written with the output y alone, so the pre-activation never has to be kept.
/// </summary>
public enum FusedActivation
{
    /// <summary>y = z. Derivative 1.</summary>
    Identity,

    /// <summary>y = tanh z. Derivative 1 - y^2.</summary>
    Tanh,

    /// <summary>y = 1 / (1 + e^-z). Derivative y (1 - y).</summary>
    Sigmoid,

    /// <summary>y = max(z, 0). Derivative 1 where y &gt; 0, else 0 (0 at z = 0, as <see cref="Variable.Relu"/>).</summary>
    Relu,
}
