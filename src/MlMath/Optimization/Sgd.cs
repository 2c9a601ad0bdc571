using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay:
/// <code>
/// g &lt;- grad + weightDecay * theta
/// b &lt;- momentum * b + (1 - dampening) * g      (b = g at the first step)
/// d &lt;- nesterov ? g + momentum * b : b          (d = g when momentum = 0)
/// theta &lt;- theta - lr * d
/// </code>
/// </summary>
/// <remarks>The momentum buffer starts as the first gradient (PyTorch's convention, torch.optim.SGD); Nesterov
/// momentum in this form is Sutskever et al., ICML 2013. Frozen parameters and parameters without a gradient
/// are skipped.</remarks>
public sealed class Sgd : IOptimizer
{
    private readonly Dictionary<Parameter, double[]> _momentumBuffers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates the optimizer; hyper-parameters are validated here.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is negative or not finite, momentum or
    /// dampening is not in [0, 1), or Nesterov is requested without momentum or with dampening.</exception>
    public Sgd(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0.0, double dampening = 0.0,
        bool nesterov = false, double weightDecay = 0.0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToList();
        OptimizerChecks.NonNegative(nameof(learningRate), learningRate);
        OptimizerChecks.UnitInterval(nameof(momentum), momentum);
        OptimizerChecks.UnitInterval(nameof(dampening), dampening);
        OptimizerChecks.NonNegative(nameof(weightDecay), weightDecay);
        if (nesterov && (momentum <= 0.0 || dampening != 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(nesterov), $"Sgd: Nesterov momentum needs momentum > 0 and dampening = 0 (momentum {momentum}, dampening {dampening}).");
        }

        LearningRate = learningRate;
        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
    }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The step size lr (may be changed between steps by a schedule).</summary>
    public double LearningRate { get; set; }

    /// <summary>The momentum coefficient.</summary>
    public double Momentum { get; }

    /// <summary>The dampening of new gradients in the momentum buffer.</summary>
    public double Dampening { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    /// <summary>The L2 weight-decay coefficient added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    public void Step()
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.IsFrozen || parameter.Grad is null) continue;
            var theta = ((DenseMatrix)parameter.Value).Values;
            var g = (double[])OptimizerChecks.ValuesOf(parameter.Grad).Clone();
            if (WeightDecay != 0.0) TensorPrimitives.MultiplyAdd(theta, WeightDecay, g, g);
            if (Momentum != 0.0)
            {
                if (!_momentumBuffers.TryGetValue(parameter, out var b))
                {
                    _momentumBuffers[parameter] = b = (double[])g.Clone();
                }
                else
                {
                    TensorPrimitives.Multiply(b, Momentum, b);
                    TensorPrimitives.MultiplyAdd(g, 1.0 - Dampening, b, b);
                }

                if (Nesterov) TensorPrimitives.MultiplyAdd(b, Momentum, g, g);
                else g = b;
            }

            TensorPrimitives.MultiplyAdd(g, -LearningRate, theta, theta);
        }
    }

    /// <inheritdoc />
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters) parameter.ZeroGrad();
    }
}
