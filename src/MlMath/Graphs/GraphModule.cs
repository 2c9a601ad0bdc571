using MlMath.Autodiff;
using MlMath.LinearAlgebra;
using MlMath.NeuralNetworks;

namespace MlMath.Graphs;

/// <summary>
/// A module whose forward pass needs the graph as well as the node features: y = layer(X, G). Every
/// message-passing layer (and every model built from them) derives from it.
/// </summary>
/// <remarks>
/// The graph is an argument, not state, so one layer works on any graph (a batch of molecules, a relabelled
/// copy in a permutation test). Layers that derive matrices from the graph (GCN's A_hat) cache them for the
/// last graph seen, compared by reference; a <see cref="Graph"/> is immutable, so the cache cannot go stale.
/// Shapes: X is n x <see cref="InFeatures"/>, the result n x <see cref="OutFeatures"/>.
/// </remarks>
public abstract class GraphModule : Module
{
    /// <summary>Sets the input and output widths.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A width is not positive.</exception>
    protected GraphModule(int inFeatures, int outFeatures)
    {
        GraphChecks.Positive(GetType().Name, nameof(inFeatures), inFeatures);
        GraphChecks.Positive(GetType().Name, nameof(outFeatures), outFeatures);
        (InFeatures, OutFeatures) = (inFeatures, outFeatures);
    }

    /// <summary>Features per node expected on input.</summary>
    public int InFeatures { get; }

    /// <summary>Features per node produced.</summary>
    public int OutFeatures { get; }

    /// <summary>The forward pass on node features <paramref name="x"/> (n x in) over <paramref name="graph"/>.</summary>
    /// <exception cref="ArgumentException">x is not n x <see cref="InFeatures"/>.</exception>
    public abstract Variable Forward(Variable x, Graph graph);

    /// <summary>
    /// The forward pass on constant sparse node features (bag-of-words citation features are ~99% zeros).
    /// Layers whose first step is a linear map override this to compute X W as a sparse-dense product; the
    /// default densifies X.
    /// </summary>
    /// <exception cref="ArgumentException">x is not n x <see cref="InFeatures"/>.</exception>
    public virtual Variable Forward(CsrMatrix x, Graph graph)
    {
        GraphChecks.NodeFeatures(GetType().Name, x, graph, InFeatures);
        return Forward(Variable.Constant(x.ToDense()), graph);
    }

    /// <summary>Not available: a graph module needs the graph; call <see cref="Forward(Variable, Graph)"/>.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public sealed override Variable Forward(Variable input) =>
        throw new InvalidOperationException($"{GetType().Name} needs the graph as well as the node features: call Forward(x, graph).");
}
