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
    /// </summary>
    /// <remarks>
    /// Backward (plain): dalpha[e, k] = g_i[k] . h_j[k] and dh_j[k] += alpha[e, k] g_i[k] (the aggregation); then
    /// gs = dalpha .* m, dz = softmax'(gs) .* (1 or slope), ds_j += dz, dt_i += dz (the scores); then
    /// dh[:, c] += ds[:, k(c)] a_s[c] + dt[:, k(c)] a_t[c], da_s[c] = ds[:, k(c)] . h[:, c], db = column sums of g.
    /// When gradients must be differentiable (createGraph) the rule differentiates the reference composition above
    /// (with the same mask) instead; tests check that the two agree and match finite differences.
    /// Shapes: h n x (heads f); a_s, a_t, b 1 x (heads f); out n x (heads f); alpha E x heads.
    /// </remarks>
    public static (Variable Output, Matrix<double> Alpha) GatPropagate(Variable h, Variable attentionSource, Variable attentionTarget,
        Variable? bias, Graph graph, int heads, double slope, double dropout, Random random)
    {
        var (n, width, edges) = (graph.NodeCount, h.Columns, graph.EdgeCount);
        var f = width / heads;
        var (pointers, sources) = (graph.RowPointers, graph.SourceArray);
        var (hv, asv, atv) = (Values(h), Values(attentionSource), Values(attentionTarget));
        var (scoreSource, scoreTarget) = NodeScores(hv, asv, atv, n, heads, width);
        var alpha = new double[edges * heads]; // edge-major, kept for the backward rule
        AttentionKernels.Softmax(pointers, sources, n, heads, scoreSource, scoreTarget, slope, alpha);
        var used = new DenseMatrix(edges, heads); // the coefficients after dropout, as aggregated (column-major: head-major)
        SparseKernels.ToColumnMajor(alpha, edges, heads, used.Values);
        double[]? mask = null;
        if (dropout > 0.0)
        {
            mask = new double[edges * heads];
            DropoutMask.Fill(mask, dropout, random);
            TensorPrimitives.Multiply(used.Values, mask, used.Values);
        }

        var hr = SparseKernels.Rent(n * width);
        var yr = SparseKernels.Rent(n * width);
        SparseKernels.ToRowMajor(hv, n, width, hr);
        for (var i = 0; i < n; i++)
        {
            if (bias is null) Array.Clear(yr, i * width, width);
            else Values(bias).AsSpan(0, width).CopyTo(yr.AsSpan(i * width, width));
        }

        SparseKernels.WeightedAggregate(pointers, sources, used.Values, edges, heads, n, hr, width, yr);
        var result = DenseKernels.Uninitialized(n, width);
        SparseKernels.ToColumnMajor(yr, n, width, result.Values);
        SparseKernels.Return(hr);
        SparseKernels.Return(yr);

        Variable[] parents = bias is null ? [h, attentionSource, attentionTarget] : [h, attentionSource, attentionTarget, bias];
        var output = Variable.FromOp("GatPropagate", result, parents, g =>
        {
            if (GradMode.IsEnabled) return GatBackwardGraph(parents, bias, graph, heads, slope, mask, g);
            var grads = GatBackward(hv, asv, atv, scoreSource, scoreTarget, alpha, used.Values, mask, graph, heads, width, slope, Values(g));
            return bias is null ? grads : [.. grads, g.SumPerColumn()];
        });
        return (output, used);
    }

    /// <summary>
    /// The node scores s[i, k] = a_s[k] . h_i[k] and t[i, k] = a_t[k] . h_i[k], node-major (entry [i, k] at i * heads + k)
    /// for <see cref="AttentionKernels"/>; summed over the columns of head k in order.
    /// </summary>
    private static (double[] Source, double[] Target) NodeScores(double[] hv, double[] asv, double[] atv, int n, int heads, int width)
    {
        var f = width / heads;
        var s = SparseKernels.Rent(n * heads);
        var t = SparseKernels.Rent(n * heads);
        Array.Clear(s, 0, n * heads);
        Array.Clear(t, 0, n * heads);
        for (var c = 0; c < width; c++)
        {
            var column = hv.AsSpan(c * n, n);
            var sk = s.AsSpan(c / f * n, n);
            var tk = t.AsSpan(c / f * n, n);
            TensorPrimitives.MultiplyAdd(column, asv[c], sk, sk);
            TensorPrimitives.MultiplyAdd(column, atv[c], tk, tk);
        }

        var (source, target) = (new double[n * heads], new double[n * heads]);
        SparseKernels.ToRowMajor(s, n, heads, source);
        SparseKernels.ToRowMajor(t, n, heads, target);
        SparseKernels.Return(s);
        SparseKernels.Return(t);
        return (source, target);
    }

    /// <summary>The plain backward rule of <see cref="GatPropagate"/> (see its remarks): [dh, da_s, da_t].</summary>
    private static Variable?[] GatBackward(double[] hv, double[] asv, double[] atv, double[] scoreSource, double[] scoreTarget,
        double[] alpha, double[] used, double[]? mask, Graph graph, int heads, int width, double slope, double[] gv)
    {
        var (n, edges, f) = (graph.NodeCount, graph.EdgeCount, width / heads);
        var (pointers, sources) = (graph.RowPointers, graph.SourceArray);
        var hr = SparseKernels.Rent(n * width);
        var gr = SparseKernels.Rent(n * width);
        var dhr = SparseKernels.Rent(n * width);
        var gs = SparseKernels.Rent(edges * heads);
        SparseKernels.ToRowMajor(hv, n, width, hr);
        SparseKernels.ToRowMajor(gv, n, width, gr);
        Array.Clear(dhr, 0, n * width);
        SparseKernels.WeightedAggregateBackward(pointers, sources, used, edges, heads, n, hr, gr, width, gs, dhr);
        if (mask is not null) TensorPrimitives.Multiply(gs.AsSpan(0, edges * heads), mask, gs.AsSpan(0, edges * heads));

        // the softmax backward runs edge-major (all heads of an edge together); ds and dt come back head-major
        var gsEdges = SparseKernels.Rent(edges * heads);
        var (dsNodes, dtNodes) = (SparseKernels.Rent(n * heads), SparseKernels.Rent(n * heads));
        SparseKernels.ToRowMajor(gs, edges, heads, gsEdges);
        Array.Clear(dsNodes, 0, n * heads);
        AttentionKernels.SoftmaxBackward(pointers, sources, n, heads, scoreSource, scoreTarget, slope, alpha, gsEdges, dsNodes, dtNodes);
        var (ds, dt) = (new double[n * heads], new double[n * heads]);
        SparseKernels.ToColumnMajor(dsNodes, n, heads, ds);
        SparseKernels.ToColumnMajor(dtNodes, n, heads, dt);
        SparseKernels.Return(gsEdges);
        SparseKernels.Return(dsNodes);
        SparseKernels.Return(dtNodes);

        var dh = DenseKernels.Uninitialized(n, width);
        SparseKernels.ToColumnMajor(dhr, n, width, dh.Values);
        var (das, dat) = (new DenseMatrix(1, width), new DenseMatrix(1, width));
        for (var c = 0; c < width; c++)
        {
            var sk = ds.AsSpan(c / f * n, n);
            var tk = dt.AsSpan(c / f * n, n);
            var column = hv.AsSpan(c * n, n);
            var target = dh.Values.AsSpan(c * n, n);
            TensorPrimitives.MultiplyAdd(sk, asv[c], target, target);
            TensorPrimitives.MultiplyAdd(tk, atv[c], target, target);
            das.Values[c] = TensorPrimitives.Dot(sk, column);
            dat.Values[c] = TensorPrimitives.Dot(tk, column);
        }

        SparseKernels.Return(hr);
        SparseKernels.Return(gr);
        SparseKernels.Return(dhr);
        SparseKernels.Return(gs);
        return [Variable.Constant(dh), Variable.Constant(das), Variable.Constant(dat)];
    }

    /// <summary>The reference composition, differentiated with a graph (for createGraph backward passes).</summary>
    private static Variable?[] GatBackwardGraph(Variable[] inputs, Variable? bias, Graph graph, int heads, double slope, double[]? mask, Variable g)
    {
        var (h, attentionSource, attentionTarget) = (inputs[0], inputs[1], inputs[2]);
        var scores = MessagePassing.SourceFeatures(HeadDot(h, attentionSource, heads), graph)
            + MessagePassing.TargetFeatures(HeadDot(h, attentionTarget, heads), graph);
        var alpha = MessagePassing.NeighbourhoodSoftmax(scores.LeakyRelu(slope), graph);
        if (mask is not null) alpha = alpha.PointwiseMultiply(Variable.Constant(new DenseMatrix(graph.EdgeCount, heads, mask)));
        return [.. Gradients.Of(WeightedAggregate(alpha, h, graph, bias), inputs, g, createGraph: true, allowUnused: true)];
    }
}

