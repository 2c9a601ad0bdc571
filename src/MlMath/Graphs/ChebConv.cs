using MlMath.Autodiff;
using MlMath.LinearAlgebra;
using MlMath.NeuralNetworks;

namespace MlMath.Graphs;

/// <summary>
/// The Chebyshev spectral graph convolution of Defferrard, Bresson &amp; Vandergheynst, "Convolutional neural
/// networks on graphs with fast localized spectral filtering", NeurIPS 2016, eq. 4-5:
/// X' = sum_{k=0}^{K-1} T_k(L_tilde) X W_k + b, with T_0 = X, T_1 = L_tilde X, T_k = 2 L_tilde T_{k-1} - T_{k-2}
/// and L_tilde = 2 L_sym / lambda_max - I (lambda_max = 2 here, as in Kipf &amp; Welling's simplification).
/// </summary>
/// <remarks>
/// <para>A spectral filter g(L) = U g(Lambda) U^T would need the Laplacian's eigenvectors (O(n^3)); a polynomial
/// of degree K - 1 in L needs only K - 1 sparse products and is K - 1 hops local. Each product L_tilde T is one
/// message-passing step: message m_ji = L_tilde_ij t_j, aggregate = sum; the update mixes the K terms with
/// the matrices W_k. K = 2 with W_1 = -W_0 gives GCN (without the renormalisation trick).</para>
/// <para>Shapes: X n x in; W_k in x out for k = 0 .. K - 1; b 1 x out; result n x out.</para>
/// </remarks>
public sealed class ChebConv : GraphModule
{
    private readonly Parameter[] _weights;
    private Graph? _cachedGraph;
    private CsrMatrix? _cachedLaplacian;

    /// <summary>A filter with <paramref name="k"/> Chebyshev terms (polynomial degree k - 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A width or k is not positive.</exception>
    public ChebConv(int inFeatures, int outFeatures, int k, Random random) : base(inFeatures, outFeatures)
    {
        ArgumentNullException.ThrowIfNull(random);
        GraphChecks.Positive(nameof(ChebConv), nameof(k), k);
        K = k;
        _weights = new Parameter[k];
        for (var order = 0; order < k; order++)
        {
            var name = "weight" + order.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _weights[order] = RegisterParameter(name, new Parameter(Initializers.GlorotUniform(inFeatures, outFeatures, random), name));
        }

        Bias = RegisterParameter("bias", new Parameter(Initializers.Zeros(1, outFeatures), "bias"));
    }

    /// <summary>The number of Chebyshev terms K.</summary>
    public int K { get; }

    /// <summary>W_0 .. W_{K-1}, each in x out.</summary>
    public IReadOnlyList<Parameter> Weights => _weights;

    /// <summary>b, 1 x out.</summary>
    public Parameter Bias { get; }

    /// <summary>X' = sum_k T_k(L_tilde) X W_k + b.</summary>
    /// <exception cref="ArgumentException">x is not n x in.</exception>
    public override Variable Forward(Variable x, Graph graph)
    {
        GraphChecks.NodeFeatures(nameof(ChebConv), x, graph, InFeatures);
        var laplacian = ScaledLaplacian(graph);
        Variable previous = x;                 // T_0 X
        var result = GraphOps.Linear(x, _weights[0]);
        if (K > 1)
        {
            // Each term is one more message-passing step: message L_tilde_ij t_j, aggregate by sum.
            var current = MessagePassing.Propagate(laplacian, x); // T_1 X
            result += GraphOps.Linear(current, _weights[1]);
            for (var order = 2; order < K; order++)
            {
                var next = 2.0 * MessagePassing.Propagate(laplacian, current) - previous;
                (previous, current) = (current, next);
                result += GraphOps.Linear(current, _weights[order]);
            }
        }

        // update: the sum of the filtered terms plus the bias.
        return result.AddRowVector(Bias);
    }

    private CsrMatrix ScaledLaplacian(Graph graph)
    {
        if (!ReferenceEquals(graph, _cachedGraph))
        {
            _cachedLaplacian = GraphMatrices.ScaledLaplacian(graph);
            _cachedGraph = graph;
        }

        return _cachedLaplacian!;
    }
}
