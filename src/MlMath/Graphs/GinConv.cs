using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Graphs;

/// <summary>
/// The graph isomorphism network layer of Xu, Hu, Leskovec &amp; Jegelka, "How powerful are graph neural
/// networks?", ICLR 2019, eq. 4.1: x'_i = MLP((1 + epsilon) x_i + sum_{j in N(i)} x_j), epsilon learnable.
/// </summary>
/// <remarks>
/// <para>As message passing: message m_ji = x_j (unchanged); aggregate = sum (the injective choice: mean and max
/// cannot tell a neighbourhood {a, b} from {a, a, b, b}, sum can); update = an MLP of the node's own features,
/// weighted by 1 + epsilon, plus the sum. With an injective MLP this is as powerful as the 1-dimensional
/// Weisfeiler-Lehman test (the paper's theorem 3). The sum is the sparse product A X.</para>
/// <para>Shapes: X n x in; epsilon 1 x 1; result n x out (the MLP's output width).</para>
/// </remarks>
public sealed class GinConv : GraphModule
{
    /// <summary>A layer whose update is the given MLP (from <paramref name="inFeatures"/> to <paramref name="outFeatures"/>).</summary>
    /// <param name="mlp">The update network; it must map in to out features.</param>
    /// <param name="inFeatures">Input features per node.</param>
    /// <param name="outFeatures">The MLP's output features.</param>
    /// <param name="epsilon">The initial epsilon.</param>
    /// <param name="trainEpsilon">Whether epsilon is learned (GIN-epsilon) or fixed (GIN-0 with epsilon = 0).</param>
    public GinConv(Module mlp, int inFeatures, int outFeatures, double epsilon = 0.0, bool trainEpsilon = true)
        : base(inFeatures, outFeatures)
    {
        ArgumentNullException.ThrowIfNull(mlp);
        Mlp = RegisterModule("mlp", mlp);
        Epsilon = RegisterParameter("epsilon", new Parameter(Initializers.Zeros(1, 1).Add(epsilon), "epsilon"));
        if (!trainEpsilon) Epsilon.Freeze();
    }

    /// <summary>A layer with the paper's 2-layer ReLU MLP in -> hidden -> out.</summary>
    public GinConv(int inFeatures, int hiddenFeatures, int outFeatures, Random random)
        : this(NeuralNetworks.Mlp.Create([inFeatures, hiddenFeatures, outFeatures], ActivationKind.Relu, random), inFeatures, outFeatures)
    {
    }

    /// <summary>The update MLP.</summary>
    public Module Mlp { get; }

    /// <summary>epsilon (1 x 1), the weight of a node's own features relative to its neighbours'.</summary>
    public Parameter Epsilon { get; }

    /// <summary>x'_i = MLP((1 + epsilon) x_i + sum_j x_j).</summary>
    /// <exception cref="ArgumentException">x is not n x in, or the MLP's output is not n x out.</exception>
    public override Variable Forward(Variable x, Graph graph)
    {
        GraphChecks.NodeFeatures(nameof(GinConv), x, graph, InFeatures);
        // message m_ji = x_j and aggregate by sum: the sparse product A X.
        var aggregated = MessagePassing.Propagate(graph.Adjacency, x);
        // update: MLP((1 + epsilon) x_i + a_i).
        var self = x + Epsilon.BroadcastScalar(x.Rows, x.Columns).PointwiseMultiply(x);
        var result = Mlp.Forward(self + aggregated);
        if (result.Columns != OutFeatures)
        {
            throw new ArgumentException($"GinConv: the MLP produced {result.Shape}, but the layer was declared with {OutFeatures} output features.", nameof(x));
        }

        return result;
    }
}
