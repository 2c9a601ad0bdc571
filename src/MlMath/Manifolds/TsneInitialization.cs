namespace MlMath.Manifolds;

/// <summary>The starting embedding of <see cref="Tsne"/>.</summary>
public enum TsneInitialization
{
    /// <summary>The first principal components, scaled so that the first has standard deviation 1e-4 (scikit-learn's default since 1.2): global structure is kept from the start.</summary>
    Pca,

    /// <summary>Independent N(0, 1e-4^2) coordinates drawn from the given <see cref="Random"/> (the original paper's choice).</summary>
    Random,
}
