namespace MlMath.Manifolds;

/// <summary>A positive semi-definite kernel k(x, y) = phi(x)^T phi(y) for <see cref="KernelPca"/>.</summary>
public interface IKernel
{
    /// <summary>k(x, y) for two points of the same dimension.</summary>
    double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> y);
}
