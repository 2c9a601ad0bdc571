using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// A stochastic optimizer: updates a fixed list of parameters from their accumulated gradients.
/// Typical step: <c>optimizer.ZeroGrad(); loss.Backward(); optimizer.Step();</c>.
/// </summary>
public interface IOptimizer
{
    /// <summary>The parameters this optimizer updates, in order.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Applies one update to every parameter that is not frozen and has a gradient.</summary>
    void Step();

    /// <summary>Clears the gradients of all the parameters (each Grad is null until the next backward pass reaches it);
    /// implementations may keep the gradient matrices for that pass to write into.</summary>
    void ZeroGrad();
}
