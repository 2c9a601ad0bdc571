namespace MlMath.DifferentialEquations;

/// <summary>How a <see cref="NeuralOde"/> computes gradients.</summary>
public enum OdeGradientMethod
{
    /// <summary>
    /// Backpropagation through every operation of the solver ("discretise-then-optimise"): the exact gradient of
    /// the computed solution; memory grows with the number of steps.
    /// </summary>
    Backpropagation,

    /// <summary>
    /// The adjoint sensitivity method (Chen et al. 2018, after Pontryagin 1962): solve the augmented system
    /// [y, a, g] backwards in time ("optimise-then-discretise"); memory independent of the number of steps, gradient
    /// accurate to the solver's tolerance.
    /// </summary>
    Adjoint,
}
