using System.Buffers;
using System.Numerics.Tensors;
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
/// <remarks>The momentum buffer starts as the first gradient (PyTorch's convention, torch.optim.SGD); momentum
/// is Polyak's heavy ball (1964), the Nesterov form that of Sutskever et al., ICML 2013.</remarks>
public sealed class Sgd : StochasticOptimizer
{
    /// <summary>SGD over one group of parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate or decay is negative or not finite, momentum or
    /// dampening is outside [0, 1), or Nesterov is requested without momentum or with dampening.</exception>
    public Sgd(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0.0, double dampening = 0.0,
        bool nesterov = false, double weightDecay = 0.0)
        : this(SingleGroup(parameters), learningRate, momentum, dampening, nesterov, weightDecay) { }

    /// <summary>SGD over parameter groups with their own learning-rate scales.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for the single-group constructor.</exception>
    public Sgd(IEnumerable<ParameterGroup> groups, double learningRate, double momentum = 0.0, double dampening = 0.0,
        bool nesterov = false, double weightDecay = 0.0)
        : base(groups, learningRate)
    {
        OptimizerChecks.UnitInterval(nameof(momentum), momentum);
        OptimizerChecks.UnitInterval(nameof(dampening), dampening);
        OptimizerChecks.NonNegative(nameof(weightDecay), weightDecay);
        if (nesterov && (momentum <= 0.0 || dampening != 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(nesterov), $"Sgd: Nesterov momentum needs momentum > 0 and dampening = 0 (momentum {momentum}, dampening {dampening}).");
        }

        (Momentum, Dampening, Nesterov, WeightDecay) = (momentum, dampening, nesterov, weightDecay);
    }

    /// <summary>The momentum coefficient.</summary>
    public double Momentum { get; }

    /// <summary>The dampening of new gradients in the momentum buffer.</summary>
    public double Dampening { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    /// <summary>The L2 weight-decay coefficient added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override void Update(double[] theta, double[] gradient, OptimizerState state, double learningRate)
    {
        // d is the step direction; without weight decay or momentum it is the gradient itself (no copy).
        ReadOnlySpan<double> d = gradient;
        double[]? rented = null;
        try
        {
            if (WeightDecay != 0.0 || Nesterov)
            {
                rented = ArrayPool<double>.Shared.Rent(theta.Length);
                var g = rented.AsSpan(0, theta.Length);
                if (WeightDecay != 0.0) TensorPrimitives.MultiplyAdd(theta, WeightDecay, gradient, g);
                else gradient.CopyTo(g);
                d = g;
            }

            if (Momentum != 0.0)
            {
                if (!state.TryGetBuffer("momentum_buffer", out var b))
                {
                    state.SetBuffer("momentum_buffer", b = d.ToArray());
                }
                else
                {
                    TensorPrimitives.Multiply(b, Momentum, b);
                    TensorPrimitives.MultiplyAdd(d, 1.0 - Dampening, b, b);
                }

                if (Nesterov)
                {
                    var g = rented.AsSpan(0, theta.Length);
                    TensorPrimitives.MultiplyAdd(b, Momentum, g, g); // d = g + momentum b
                    d = g;
                }
                else
                {
                    d = b;
                }
            }

            TensorPrimitives.MultiplyAdd(d, -learningRate, theta, theta);
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        }
    }
}
