using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// Adam (Kingma &amp; Ba, ICLR 2015, Algorithm 1), with L2 weight decay added to the gradient and an optional
/// AMSGrad variant:
/// <code>
/// g &lt;- grad + weightDecay * theta
/// m &lt;- beta1 m + (1 - beta1) g ;  v &lt;- beta2 v + (1 - beta2) g^2
/// m_hat = m / (1 - beta1^t) ;  v_hat = v / (1 - beta2^t)   (AMSGrad: v_hat = max of all v_hat so far)
/// theta &lt;- theta - lr * m_hat / (sqrt(v_hat) + epsilon)
/// </code>
/// </summary>
/// <remarks>t counts this parameter's own updates. The bias corrections undo the zero initialisation of m and v.
/// For decoupled weight decay use <see cref="AdamW"/>.</remarks>
public sealed class Adam : StochasticOptimizer
{
    /// <summary>Adam over one group of parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate, epsilon or decay is negative or not finite, or a beta is outside [0, 1).</exception>
    public Adam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0.0, bool amsgrad = false)
        : this(SingleGroup(parameters), learningRate, beta1, beta2, epsilon, weightDecay, amsgrad) { }

    /// <summary>Adam over parameter groups with their own learning-rate scales.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for the single-group constructor.</exception>
    public Adam(IEnumerable<ParameterGroup> groups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0.0, bool amsgrad = false)
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

    /// <summary>The L2 weight-decay coefficient added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool AmsGrad { get; }

    /// <inheritdoc />
    protected override void Update(double[] theta, double[] gradient, OptimizerState state, double learningRate) =>
        AdamUpdate.Apply(theta, gradient, state, learningRate, Beta1, Beta2, Epsilon, WeightDecay, AmsGrad);
}
