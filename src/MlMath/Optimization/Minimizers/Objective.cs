using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// Factories for <see cref="IDifferentiableObjective"/>: from a (value, gradient) delegate, from an autodiff
/// function of a column vector, or from a module and a loss closure.
/// </summary>
public static class Objective
{
    /// <summary>
    /// Wraps a delegate x -> (f(x), grad f(x)). The returned gradient is copied; its length must equal x's,
    /// otherwise evaluation throws an <see cref="ArgumentException"/> naming both lengths.
    /// </summary>
    public static IDifferentiableObjective FromFunction(Func<Vector<double>, (double Value, Vector<double> Gradient)> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateObjective(function);
    }

    /// <summary>
    /// Wraps an autodiff function of x, given as an n x 1 column <see cref="Variable"/> and returning a 1x1 Variable.
    /// The gradient is computed by reverse mode; Hessian-vector products (the returned object also implements
    /// <see cref="IHessianVectorProduct"/>) by double backward: H v = grad_x (grad f(x)' v) (Pearlmutter 1994).
    /// </summary>
    public static IDifferentiableObjective FromVariable(Func<Variable, Variable> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new VariableObjective(function);
    }

    /// <summary>
    /// Full-batch training objective for a module: x is the module's trainable parameters flattened into one vector
    /// (see <see cref="ModuleObjective"/>) and f(x) is the value of <paramref name="loss"/> after x is written into
    /// them: the closure protocol of PyTorch's <c>torch.optim.LBFGS</c>.
    /// </summary>
    public static ModuleObjective FromModule(Module module, Func<Variable> loss) => new(module, loss);
}
