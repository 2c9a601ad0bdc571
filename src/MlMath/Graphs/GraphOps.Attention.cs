using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.Graphs;

// GAT's whole attention step as one op: per-node scores, per-edge LeakyReLU, neighbourhood softmax and
// attention dropout. It allocates the E x heads coefficients once instead of about ten node- and edge-sized
// intermediates, and gives h a single gradient instead of three to add up.
internal static partial class GraphOps
{
    /// <summary>
    /// alpha = dropout(NeighbourhoodSoftmax(LeakyReLU(SourceFeatures(HeadDot(h, a_s)) + TargetFeatures(HeadDot(h, a_t)))))
    /// over the edges of <paramref name="graph"/>, per head: for edge e = (j -> i) and head k,
    /// z = a_s[k] . h_j[k] + a_t[k] . h_i[k], alpha[e, k] = m[e, k] softmax_{edges into i}(LeakyReLU(z)), m the
    /// inverted-dropout mask (all ones when p = 0). Velickovic et al., ICLR 2018, eq. 3.
    /// </summary>
    /// <remarks>
    /// Backward (plain): gs = g .* m; dz = alpha .* (gs - sum_{edges into i}(gs .* alpha)) .* (1 or slope);
    /// ds_j += dz, dt_i += dz; dh[:, c] = ds[:, k(c)] a_s[c] + dt[:, k(c)] a_t[c]; da_s[c] = ds[:, k(c)] . h[:, c].
    /// When gradients must be differentiable (createGraph), the rule differentiates the reference composition
    /// above (with the same mask) instead; tests check that the two agree and match finite differences.
    /// Shapes: h n x (heads f); a_s, a_t 1 x (heads f); result E x heads.
    /// </remarks>
    public static Variable Attention(Variable h, Variable attentionSource, Variable attentionTarget, Graph graph, int heads,
        double slope, double dropout, Random random)
    {
        var (n, width, edges) = (graph.NodeCount, h.Columns, graph.EdgeCount);
        var f = width / heads;
        var (pointers, sources) = (graph.RowPointers, graph.SourceArray);
        var (hv, asv, atv) = (Values(h), Values(attentionSource), Values(attentionTarget));
        var s = new double[n * heads];
        var t = new double[n * heads];
        for (var c = 0; c < width; c++)
        {
            var column = hv.AsSpan(c * n, n);
            var sk = s.AsSpan(c / f * n, n);
            var tk = t.AsSpan(c / f * n, n);
            TensorPrimitives.MultiplyAdd(column, asv[c], sk, sk);
            TensorPrimitives.MultiplyAdd(column, atv[c], tk, tk);
        }

        var alpha = new double[edges * heads]; // the coefficients before dropout, kept for backward
        var positive = new bool[edges * heads];
        for (var k = 0; k < heads; k++)
        {
            var (offset, nodeOffset) = (k * edges, k * n);
            for (var i = 0; i < n; i++)
            {
                var max = double.NegativeInfinity;
                for (var e = pointers[i]; e < pointers[i + 1]; e++)
                {
                    var z = s[nodeOffset + sources[e]] + t[nodeOffset + i];
                    positive[offset + e] = z > 0.0;
                    alpha[offset + e] = z > 0.0 ? z : slope * z;
                    max = Math.Max(max, alpha[offset + e]);
                }

                for (var e = pointers[i]; e < pointers[i + 1]; e++) alpha[offset + e] -= max;
            }
        }

        TensorPrimitives.Exp(alpha, alpha); // every exponent is <= 0: nothing overflows
        for (var k = 0; k < heads; k++)
        {
            var offset = k * edges;
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var e = pointers[i]; e < pointers[i + 1]; e++) sum += alpha[offset + e];
                var inverse = 1.0 / sum;
                for (var e = pointers[i]; e < pointers[i + 1]; e++) alpha[offset + e] *= inverse;
            }
        }

        var result = DenseKernels.Uninitialized(edges, heads);
        double[]? mask = null;
        if (dropout > 0.0)
        {
            mask = new double[edges * heads];
            DropoutMask.Fill(mask, dropout, random);
            TensorPrimitives.Multiply(alpha, mask, result.Values);
        }
        else
        {
            alpha.CopyTo(result.Values, 0);
        }

        return Variable.FromOp("Attention", result, [h, attentionSource, attentionTarget], g =>
        {
            if (GradMode.IsEnabled) return AttentionBackwardGraph(h, attentionSource, attentionTarget, graph, heads, slope, mask, g);
            var gs = SparseKernels.Rent(edges * heads);
            if (mask is null) Values(g).AsSpan(0, edges * heads).CopyTo(gs);
            else TensorPrimitives.Multiply(Values(g).AsSpan(0, edges * heads), mask, gs.AsSpan(0, edges * heads));
            var ds = new double[n * heads];
            var dt = new double[n * heads];
            for (var k = 0; k < heads; k++)
            {
                var (offset, nodeOffset) = (k * edges, k * n);
                for (var i = 0; i < n; i++)
                {
                    var weighted = 0.0;
                    for (var e = pointers[i]; e < pointers[i + 1]; e++) weighted += gs[offset + e] * alpha[offset + e];
                    var sum = 0.0;
                    for (var e = pointers[i]; e < pointers[i + 1]; e++)
                    {
                        var dz = alpha[offset + e] * (gs[offset + e] - weighted) * (positive[offset + e] ? 1.0 : slope);
                        ds[nodeOffset + sources[e]] += dz;
                        sum += dz;
                    }

                    dt[nodeOffset + i] = sum;
                }
            }

            SparseKernels.Return(gs);
            var dh = DenseKernels.Uninitialized(n, width);
            var (das, dat) = (new DenseMatrix(1, width), new DenseMatrix(1, width));
            for (var c = 0; c < width; c++)
            {
                var sk = ds.AsSpan(c / f * n, n);
                var tk = dt.AsSpan(c / f * n, n);
                var column = hv.AsSpan(c * n, n);
                var target = dh.Values.AsSpan(c * n, n);
                TensorPrimitives.Multiply(sk, asv[c], target);
                TensorPrimitives.MultiplyAdd(tk, atv[c], target, target);
                das.Values[c] = TensorPrimitives.Dot(sk, column);
                dat.Values[c] = TensorPrimitives.Dot(tk, column);
            }

            return [Variable.Constant(dh), Variable.Constant(das), Variable.Constant(dat)];
        });
    }

    /// <summary>The reference composition, differentiated with a graph (for createGraph backward passes).</summary>
    private static Variable?[] AttentionBackwardGraph(Variable h, Variable attentionSource, Variable attentionTarget, Graph graph,
        int heads, double slope, double[]? mask, Variable g)
    {
        var inputs = new[] { h, attentionSource, attentionTarget };
        var scores = MessagePassing.SourceFeatures(HeadDot(h, attentionSource, heads), graph)
            + MessagePassing.TargetFeatures(HeadDot(h, attentionTarget, heads), graph);
        var alpha = MessagePassing.NeighbourhoodSoftmax(scores.LeakyRelu(slope), graph);
        if (mask is not null) alpha = alpha.PointwiseMultiply(Variable.Constant(new DenseMatrix(graph.EdgeCount, heads, mask)));
        return [.. Gradients.Of(alpha, inputs, g, createGraph: true, allowUnused: true)];
    }
}
