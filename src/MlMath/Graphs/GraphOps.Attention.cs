using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.Graphs;

// GAT's attention and aggregation as one op: per-node scores, per-edge LeakyReLU, neighbourhood softmax, attention
// dropout, and the attention-weighted sum of the neighbours' features plus the bias. It allocates none of the
// node- and edge-sized intermediates of the composition, and gives h one gradient instead of three to add up.
internal static partial class GraphOps
{
    /// <summary>
    /// out = WeightedAggregate(alpha, h) + b with alpha = dropout(NeighbourhoodSoftmax(LeakyReLU(
    /// SourceFeatures(HeadDot(h, a_s)) + TargetFeatures(HeadDot(h, a_t))))) over the edges of <paramref name="graph"/>:
    /// for edge e = (j -> i) and head k, z = a_s[k] . h_j[k] + a_t[k] . h_i[k], alpha[e, k] = m[e, k] softmax over the
    /// edges into i of LeakyReLU(z), m the inverted-dropout mask (ones when p = 0), and out_i[k] = b[k] + sum_e
    /// alpha[e, k] h_j[k]. Velickovic et al., ICLR 2018, eq. 3-5. Also returns alpha (E x heads) for inspection.
    /// h and out are node-major (see GraphOps.NodeMajor.cs): the Variables are h^T and out^T.
    /// </summary>
    /// <remarks>
    /// Backward (plain): dalpha[e, k] = g_i[k] . h_j[k] and dh_j[k] += alpha[e, k] g_i[k] (the aggregation); then
    /// gs = dalpha .* m, dz = softmax'(gs) .* (1 or slope), ds_j += dz, dt_i += dz (the scores); then
    /// dh_i[c] += ds_i[k(c)] a_s[c] + dt_i[k(c)] a_t[c], da_s[c] = sum_i ds_i[k(c)] h_i[c], db = sum_i g_i.
    /// When gradients must be differentiable (createGraph) the rule differentiates the reference composition above
    /// (with the same mask) instead; tests check that the two agree and match finite differences.
    /// Shapes: h^T (heads f) x n; a_s, a_t, b 1 x (heads f); out^T (heads f) x n; alpha E x heads.
    /// </remarks>
    public static (Variable Output, Matrix<double> Alpha) GatPropagate(Variable nodeMajorH, Variable attentionSource, Variable attentionTarget,
        Variable? bias, Graph graph, int heads, double slope, double dropout, Random random)
    {
        var (n, width, edges) = (graph.NodeCount, nodeMajorH.Rows, graph.EdgeCount);
        var (pointers, sources) = (graph.RowPointers, graph.SourceArray);
        var (hv, asv, atv) = (Values(nodeMajorH), Values(attentionSource), Values(attentionTarget));
        var scoreSource = AttentionKernels.NodeScores(graph.RowPointers, hv, asv, n, heads, width);
        var scoreTarget = AttentionKernels.NodeScores(graph.RowPointers, hv, atv, n, heads, width);
        var alpha = GradientBufferPool.Rent(edges * heads); // edge-major, kept for the backward rule; Softmax writes every entry
        AttentionKernels.Softmax(pointers, sources, n, heads, scoreSource, scoreTarget, slope, alpha);
        double[]? mask = null;
        if (dropout > 0.0)
        {
            mask = GradientBufferPool.Rent(edges * heads); // edge-major, like alpha; Fill writes every entry
            DropoutMask.Fill(mask, dropout, random);
        }

        // the coefficients after dropout, as aggregated: E x heads (head-major), also returned for inspection
        var used = DenseKernels.Uninitialized(edges, heads);
        AttentionKernels.ApplyMaskToHeadMajor(graph.RowPointers, n, alpha, mask, edges, heads, used.Values);

        var result = DenseKernels.Uninitialized(width, n);
        var y = result.Values;
        for (var i = 0; i < n; i++)
        {
            if (bias is null) Array.Clear(y, i * width, width);
            else Values(bias).AsSpan(0, width).CopyTo(y.AsSpan(i * width, width)); // out_i starts at b
        }

        SparseKernels.WeightedAggregate(pointers, sources, used.Values, edges, heads, n, hv, width, y);

        Variable[] parents = bias is null ? [nodeMajorH, attentionSource, attentionTarget] : [nodeMajorH, attentionSource, attentionTarget, bias];
        var output = Variable.FromOp("GatPropagate", result, parents, g =>
        {
            if (GradMode.IsEnabled) return GatBackwardGraph(parents, bias, graph, heads, slope, mask, g);
            var gv = Values(g);
            var grads = GatBackward(hv, asv, atv, scoreSource, scoreTarget, alpha, used.Values, mask, graph, heads, width, slope, gv);
            return bias is null ? grads : [.. grads, Variable.Constant(SumOverNodes(gv, n, width))];
        });

        // what the rule keeps, handed back with the output when the graph is released (Variable.ReleaseGraph)
        output.KeepScratch(scoreSource);
        output.KeepScratch(scoreTarget);
        output.KeepScratch(alpha);
        output.KeepScratch(used.Values);
        if (mask is not null) output.KeepScratch(mask);

        return (output, used);
    }

    /// <summary>The plain backward rule of <see cref="GatPropagate"/> (see its remarks), all node-major: [dh^T, da_s, da_t].</summary>
    private static Variable?[] GatBackward(double[] hv, double[] asv, double[] atv, double[] scoreSource, double[] scoreTarget,
        double[] alpha, double[] used, double[]? mask, Graph graph, int heads, int width, double slope, double[] gv)
    {
        var (n, edges) = (graph.NodeCount, graph.EdgeCount);
        var (pointers, sources) = (graph.RowPointers, graph.SourceArray);
        var dh = DenseKernels.Zeros(width, n);
        var gs = SparseKernels.Rent(edges * heads); // dL/dalpha, edge-major (all heads of an edge together)
        SparseKernels.WeightedAggregateBackward(pointers, sources, graph.TargetArray, graph.EdgesBySource, used, edges, heads, n, hv, gv, width, gs, dh.Values, edgeMajorGradient: true);
        if (mask is not null) TensorPrimitives.Multiply(gs.AsSpan(0, edges * heads), mask, gs.AsSpan(0, edges * heads));
        var (ds, dt) = (SparseKernels.Rent(n * heads), SparseKernels.Rent(n * heads));
        Array.Clear(ds, 0, n * heads);
        AttentionKernels.SoftmaxBackward(pointers, sources, n, heads, scoreSource, scoreTarget, slope, alpha, gs, ds, dt);
        var (das, dat) = (new DenseMatrix(1, width), new DenseMatrix(1, width));
        AttentionKernels.NodeScoresBackward(hv, asv, atv, ds, dt, n, heads, width, dh.Values, das.Values, dat.Values);
        SparseKernels.Return(gs);
        SparseKernels.Return(ds);
        SparseKernels.Return(dt);
        return [Variable.Constant(dh), Variable.Constant(das), Variable.Constant(dat)];
    }

    /// <summary>The reference composition, differentiated with a graph (for createGraph backward passes).</summary>
    private static Variable?[] GatBackwardGraph(Variable[] inputs, Variable? bias, Graph graph, int heads, double slope, double[]? mask, Variable g)
    {
        var (h, attentionSource, attentionTarget) = (Transpose(inputs[0]), inputs[1], inputs[2]);
        var scores = MessagePassing.SourceFeatures(HeadDot(h, attentionSource, heads), graph)
            + MessagePassing.TargetFeatures(HeadDot(h, attentionTarget, heads), graph);
        var alpha = MessagePassing.NeighbourhoodSoftmax(scores.LeakyRelu(slope), graph);
        if (mask is not null) alpha = alpha.PointwiseMultiply(Variable.Constant(new DenseMatrix(heads, graph.EdgeCount, mask).Transpose())); // mask is edge-major
        return [.. Gradients.Of(Transpose(WeightedAggregate(alpha, h, graph, bias)), inputs, g, createGraph: true, allowUnused: true)];
    }
}

