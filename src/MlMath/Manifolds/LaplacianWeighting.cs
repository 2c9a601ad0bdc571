namespace MlMath.Manifolds;

/// <summary>The edge weights of the neighbourhood graph in <see cref="LaplacianEigenmaps"/>.</summary>
public enum LaplacianWeighting
{
    /// <summary>W_ij = exp(-|x_i - x_j|^2 / t) on the edges (the heat kernel of Belkin and Niyogi).</summary>
    HeatKernel,

    /// <summary>W_ij = 1 on the edges (the "simple-minded" choice, t = infinity).</summary>
    Binary,
}
