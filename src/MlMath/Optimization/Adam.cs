using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// Adam (Kingma &amp; Ba, ICLR 2015, Algorithm 1), with L2 weight decay added to the gradient:
/// <code>
/// g &lt;- grad + weightDecay * theta
/// m &lt;- beta1 m + (1 - beta1) g
/// v &lt;- beta2 v + (1 - beta2) g^2
/// m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)
/// theta &lt;- theta - lr * m_hat / (sqrt(v_hat) + epsilon)
/// </code>
/// </summary>
/// <remarks>t counts this parameter's own steps (a parameter frozen for a while keeps its count). The bias
/// corrections undo the zero initialisation of m and v.</remarks>
public sealed class Adam : IOptimizer
{
    private readonly Dictionary<Parameter, (double[] M, double[] V, int Steps)> _state = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates the optimizer; hyper-parameters are validated here.</summary>
    /// <exception cref="ArgumentOutOfRangeException">learningRate, epsilon or weightDecay negative or not
    /// finite, or a beta outside [0, 1).</exception>
    public Adam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0.0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToList();
        OptimizerChecks.NonNegative(nameof(learningRate), learningRate);
        OptimizerChecks.UnitInterval(nameof(beta1), beta1);
        OptimizerChecks.UnitInterval(nameof(beta2), beta2);
        OptimizerChecks.NonNegative(nameof(epsilon), epsilon);
        OptimizerChecks.NonNegative(nameof(weightDecay), weightDecay);
        (LearningRate, Beta1, Beta2, Epsilon, WeightDecay) = (learningRate, beta1, beta2, epsilon, weightDecay);
    }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The step size lr (may be changed between steps by a schedule).</summary>
    public double LearningRate { get; set; }

    /// <summary>Decay rate of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>Decay rate of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>Added to sqrt(v_hat) to avoid division by zero.</summary>
    public double Epsilon { get; }

    /// <summary>The L2 weight-decay coefficient added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    public void Step()
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.IsFrozen || parameter.Grad is null) continue;
            var theta = ((DenseMatrix)parameter.Value).Values;
            var grad = OptimizerChecks.ValuesOf(parameter.Grad);
            if (!_state.TryGetValue(parameter, out var state)) state = (new double[theta.Length], new double[theta.Length], 0);
            var t = state.Steps + 1;
            _state[parameter] = (state.M, state.V, t);
            var correction1 = 1.0 - Math.Pow(Beta1, t);
            var correction2 = 1.0 - Math.Pow(Beta2, t);
            for (var k = 0; k < theta.Length; k++)
            {
                var g = grad[k] + WeightDecay * theta[k];
                state.M[k] = Beta1 * state.M[k] + (1.0 - Beta1) * g;
                state.V[k] = Beta2 * state.V[k] + (1.0 - Beta2) * g * g;
                theta[k] -= LearningRate * (state.M[k] / correction1) / (Math.Sqrt(state.V[k] / correction2) + Epsilon);
            }
        }
    }

    /// <inheritdoc />
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters) parameter.ZeroGrad();
    }
}
