namespace MlMath.Manifolds;

/// <summary>How <see cref="Tsne"/> computes the gradient of its KL objective.</summary>
public enum TsneGradientMethod
{
    /// <summary>All n^2 pairs with dense P (van der Maaten and Hinton 2008): exact, O(n^2) per iteration, for n up to a few thousand.</summary>
    Exact,

    /// <summary>Sparse P on 3 perplexity nearest neighbours and a quadtree for the repulsion (van der Maaten 2014): O(n log n) per iteration, 2-D only.</summary>
    BarnesHut,
}
