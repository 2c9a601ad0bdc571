using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// RMSProp (Tieleman &amp; Hinton, Coursera lecture 6.5, 2012), optionally centered (Graves 2013) and with momentum:
/// <code>
/// g &lt;- grad + weightDecay * theta
/// v &lt;- alpha v + (1 - alpha) g^2
/// centered: a &lt;- alpha a + (1 - alpha) g ;  v~ = max(v - a^2, 0)   (else v~ = v)
/// momentum &gt; 0: b &lt;- momentum b + g / (sqrt(v~) + eps) ;  theta &lt;- theta - lr b
/// else:          theta &lt;- theta - lr g / (sqrt(v~) + eps)
/// </code>
/// </summary>
/// <remarks>Conventions as in torch.optim.RMSprop (epsilon outside the square root, buffers start at zero).</remarks>
public sealed class RmsProp : StochasticOptimizer
{
    /// <summary>RMSProp over one group of parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate, epsilon or decay is negative or not finite, or alpha or momentum is outside [0, 1).</exception>
    public RmsProp(IEnumerable<Parameter> parameters, double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8,
        double momentum = 0.0, bool centered = false, double weightDecay = 0.0)
        : this(SingleGroup(parameters), learningRate, alpha, epsilon, momentum, centered, weightDecay) { }

    /// <summary>RMSProp over parameter groups with their own learning-rate scales.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for the single-group constructor.</exception>
    public RmsProp(IEnumerable<ParameterGroup> groups, double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8,
        double momentum = 0.0, bool centered = false, double weightDecay = 0.0)
        : base(groups, learningRate)
    {
        OptimizerChecks.UnitInterval(nameof(alpha), alpha);
        OptimizerChecks.NonNegative(nameof(epsilon), epsilon);
        OptimizerChecks.UnitInterval(nameof(momentum), momentum);
        OptimizerChecks.NonNegative(nameof(weightDecay), weightDecay);
        (Alpha, Epsilon, Momentum, Centered, WeightDecay) = (alpha, epsilon, momentum, centered, weightDecay);
    }

    /// <summary>Decay rate of the squared-gradient average.</summary>
    public double Alpha { get; }

    /// <summary>Added to the root mean square.</summary>
    public double Epsilon { get; }

    /// <summary>The momentum coefficient (0: none).</summary>
    public double Momentum { get; }

    /// <summary>Whether the variance estimate is centered by the mean gradient.</summary>
    public bool Centered { get; }

    /// <summary>The L2 weight-decay coefficient added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override void Update(double[] theta, double[] gradient, OptimizerState state, double learningRate)
    {
        var v = state.Buffer("square_avg", theta.Length);
        var a = Centered ? state.Buffer("grad_avg", theta.Length) : null;
        var b = Momentum > 0.0 ? state.Buffer("momentum_buffer", theta.Length) : null;
        for (var k = 0; k < theta.Length; k++)
        {
            var g = gradient[k] + WeightDecay * theta[k];
            v[k] = Alpha * v[k] + (1.0 - Alpha) * g * g;
            var variance = v[k];
            if (a is not null)
            {
                a[k] = Alpha * a[k] + (1.0 - Alpha) * g;
                // v - a^2 is a variance, so >= 0 in exact arithmetic; with a nearly constant gradient it can
                // round slightly below zero, and sqrt would give NaN. Clamp at zero.
                variance = Math.Max(variance - a[k] * a[k], 0.0);
            }

            var step = g / (Math.Sqrt(variance) + Epsilon);
            if (b is not null) step = b[k] = Momentum * b[k] + step;
            theta[k] -= learningRate * step;
        }
    }
}
