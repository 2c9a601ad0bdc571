namespace MlMath.Manifolds;

/// <summary>The Gaussian (radial basis function) kernel k(x, y) = exp(-gamma |x - y|^2); its feature space is infinite-dimensional.</summary>
public sealed record RbfKernel : IKernel
{
    /// <summary>Creates the kernel.</summary>
    /// <param name="gamma">gamma &gt; 0, the inverse squared length scale.</param>
    public RbfKernel(double gamma)
    {
        ManifoldChecks.Positive(gamma, "RbfKernel", nameof(gamma));
        Gamma = gamma;
    }

    /// <summary>gamma, the inverse squared length scale.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var t = x[i] - y[i];
            sum += t * t;
        }

        return Math.Exp(-Gamma * sum);
    }
}
