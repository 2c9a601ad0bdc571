namespace MlMath.Optimization;

/// <summary>The norm in which the gradient tolerance is measured.</summary>
public enum VectorNorm
{
    /// <summary>The max norm ||g||_inf = max_i |g_i| (SciPy's <c>gtol</c>/<c>pgtol</c> convention).</summary>
    MaxAbsolute,

    /// <summary>The Euclidean norm ||g||_2 = sqrt(sum_i g_i^2).</summary>
    Euclidean,
}
