using System.Numerics.Tensors;
using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter, ICLR 2019, Algorithm 2):
/// <code>
/// theta &lt;- theta - lr * weightDecay * theta        (decay, not through the gradient)
/// then the Adam update of <see cref="Adam"/> with g = grad
/// </code>
/// </summary>
/// <remarks>With L2 added to the gradient (<see cref="Adam"/>), the decay is divided by sqrt(v_hat) like everything
/// else, so weights with large gradients are barely regularised; decoupling applies the same relative decay to
/// every weight. Default weight decay 0.01 as in PyTorch.</remarks>
public sealed class AdamW : StochasticOptimizer
{
    /// <summary>AdamW over one group of parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate, epsilon or decay is negative or not finite, or a beta is outside [0, 1).</exception>
    public AdamW(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0.01, bool amsgrad = false)
        : this(SingleGroup(parameters), learningRate, beta1, beta2, epsilon, weightDecay, amsgrad) { }

    /// <summary>AdamW over parameter groups with their own learning-rate scales.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for the single-group constructor.</exception>
    public AdamW(IEnumerable<ParameterGroup> groups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0.01, bool amsgrad = false)
        : base(groups, learningRate)
    {
        OptimizerChecks.UnitInterval(nameof(beta1), beta1);
        OptimizerChecks.UnitInterval(nameof(beta2), beta2);
        OptimizerChecks.NonNegative(nameof(epsilon), epsilon);
        OptimizerChecks.NonNegative(nameof(weightDecay), weightDecay);
        (Beta1, Beta2, Epsilon, WeightDecay, AmsGrad) = (beta1, beta2, epsilon, weightDecay, amsgrad);
    }

    /// <summary>Decay rate of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>Decay rate of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>Added to sqrt(v_hat) to avoid division by zero.</summary>
    public double Epsilon { get; }

    /// <summary>The decoupled weight-decay coefficient.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool AmsGrad { get; }

    /// <inheritdoc />
    protected override void Update(double[] theta, double[] gradient, OptimizerState state, double learningRate)
    {
        TensorPrimitives.Multiply(theta, 1.0 - learningRate * WeightDecay, theta);
        AdamUpdate.Apply(theta, gradient, state, learningRate, Beta1, Beta2, Epsilon, l2: 0.0, AmsGrad);
    }
}
