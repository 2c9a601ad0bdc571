using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// AdaGrad (Duchi, Hazan &amp; Singer, JMLR 2011): per-coordinate rates that shrink with the sum of squared gradients:
/// <code>
/// g &lt;- grad + weightDecay * theta
/// s &lt;- s + g^2                                  (s starts at initialAccumulator)
/// theta &lt;- theta - lr g / (sqrt(s) + eps)
/// </code>
/// </summary>
/// <remarks>Rarely updated (sparse) features keep large steps; the rates only decrease, which is why RMSProp and Adam
/// replaced the sum by a moving average for non-convex training.</remarks>
public sealed class AdaGrad : StochasticOptimizer
{
    /// <summary>AdaGrad over one group of parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate, accumulator, epsilon or decay is negative or not finite.</exception>
    public AdaGrad(IEnumerable<Parameter> parameters, double learningRate = 1e-2, double initialAccumulator = 0.0,
        double epsilon = 1e-10, double weightDecay = 0.0)
        : this(SingleGroup(parameters), learningRate, initialAccumulator, epsilon, weightDecay) { }

    /// <summary>AdaGrad over parameter groups with their own learning-rate scales.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for the single-group constructor.</exception>
    public AdaGrad(IEnumerable<ParameterGroup> groups, double learningRate = 1e-2, double initialAccumulator = 0.0,
        double epsilon = 1e-10, double weightDecay = 0.0)
        : base(groups, learningRate)
    {
        OptimizerChecks.NonNegative(nameof(initialAccumulator), initialAccumulator);
        OptimizerChecks.NonNegative(nameof(epsilon), epsilon);
        OptimizerChecks.NonNegative(nameof(weightDecay), weightDecay);
        (InitialAccumulator, Epsilon, WeightDecay) = (initialAccumulator, epsilon, weightDecay);
    }

    /// <summary>Starting value of the squared-gradient sum.</summary>
    public double InitialAccumulator { get; }

    /// <summary>Added to the square root of the sum.</summary>
    public double Epsilon { get; }

    /// <summary>The L2 weight-decay coefficient added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override void Update(double[] theta, double[] gradient, OptimizerState state, double learningRate)
    {
        if (!state.TryGetBuffer("sum", out var s))
        {
            s = new double[theta.Length];
            Array.Fill(s, InitialAccumulator);
            state.SetBuffer("sum", s);
        }

        for (var k = 0; k < theta.Length; k++)
        {
            var g = gradient[k] + WeightDecay * theta[k];
            s[k] += g * g;
            theta[k] -= learningRate * g / (Math.Sqrt(s[k]) + Epsilon);
        }
    }
}
