using System.Runtime.Intrinsics;
using MlMath.Autodiff;

namespace MlMath.Graphs;

/// <summary>
/// The per-edge loops of GAT's attention (<see cref="GraphOps.GatPropagate"/>), with all heads of an edge side by
/// side ("edge-major": entry [e, k] at e * heads + k; node arrays likewise at i * heads + k), so that one vector
/// instruction serves four heads of one edge. Each lane computes exactly the scalar formula of its head, in the same
/// order over the edges, so the results equal those of a loop over heads (bit for bit). Heads beyond a multiple of
/// four take the scalar loop. The LeakyReLU branch is a per-lane select: the sign of a score is a coin toss, and a
/// mispredicted branch per entry cost more than the arithmetic.
/// </summary>
internal static class AttentionKernels
{
    /// <summary>s[i, k] = a[k] . h_i[k] for node-major h (row i = node i, head k = columns k f .. k f + f - 1), summed in column order.</summary>
    /// <remarks>Nodes are independent: split between cores as the graph's other loops split them
    /// (<see cref="SparseKernels.ForRowRanges"/> over <paramref name="pointers"/>, the graph's incoming-edge pointers).</remarks>
    public static double[] NodeScores(int[] pointers, double[] h, double[] a, int n, int heads, int width)
    {
        var f = width / heads;
        var s = GradientBufferPool.Rent(n * heads); // every entry is written below
        SparseKernels.ForRowRanges(pointers, n, width, (first, last) =>
        {
            for (var i = first; i < last; i++)
            {
                for (var k = 0; k < heads; k++)
                {
                    var sum = 0.0;
                    for (var c = k * f; c < (k + 1) * f; c++) sum += h[i * width + c] * a[c];
                    s[i * heads + k] = sum;
                }
            }
        });

        return s;
    }

    /// <summary>
    /// The backward of two <see cref="NodeScores"/> (s with a_s, t with a_t), given ds and dt: dh_i[c] += ds[i, k] a_s[c]
    /// + dt[i, k] a_t[c] and da_s[c] += ds[i, k] h_i[c], da_t[c] += dt[i, k] h_i[c], for k the head of column c.
    /// </summary>
    public static unsafe void NodeScoresBackward(double[] h, double[] aSource, double[] aTarget, double[] ds, double[] dt, int n, int heads,
        int width, double[] dh, double[] daSource, double[] daTarget)
    {
        var f = width / heads;
        var vectorF = f - f % 4;
        fixed (double* hp = h, asp = aSource, atp = aTarget, dhp = dh, dasp = daSource, datp = daTarget)
        {
            for (var i = 0; i < n; i++)
            {
                for (var k = 0; k < heads; k++)
                {
                    var (sik, tik) = (ds[i * heads + k], dt[i * heads + k]);
                    var (vs, vt) = (Vector256.Create(sik), Vector256.Create(tik));
                    var row = i * width + k * f;
                    var c = 0;
                    for (; c < vectorF; c += 4)
                    {
                        var (column, x) = (k * f + c, Vector256.Load(hp + row + c));
                        var d = vs * Vector256.Load(asp + column) + Vector256.Load(dhp + row + c);
                        Vector256.Store(vt * Vector256.Load(atp + column) + d, dhp + row + c);
                        Vector256.Store(Vector256.Load(dasp + column) + vs * x, dasp + column);
                        Vector256.Store(Vector256.Load(datp + column) + vt * x, datp + column);
                    }

                    for (; c < f; c++)
                    {
                        var (column, x) = (k * f + c, hp[row + c]);
                        dhp[row + c] = tik * atp[column] + (sik * asp[column] + dhp[row + c]);
                        dasp[column] += sik * x;
                        datp[column] += tik * x;
                    }
                }
            }
        }
    }

    /// <summary>
    /// alpha[e, k] = softmax over the edges e = (j -> i) into i of LeakyReLU(s[j, k] + t[i, k]): the maximum of each
    /// neighbourhood is subtracted before e^x (so nothing overflows), then each neighbourhood is divided by its sum.
    /// </summary>
    public static void Softmax(int[] pointers, int[] sources, int n, int heads, double[] s, double[] t, double slope, double[] alpha) =>
        SparseKernels.ForRowRanges(pointers, n, heads, (first, last) => SoftmaxRange(pointers, sources, first, last, heads, s, t, slope, alpha));

    /// <summary><see cref="Softmax"/> for the targets first..last-1 (their edges' entries of alpha and nothing else, so
    /// ranges can run on different cores).</summary>
    private static unsafe void SoftmaxRange(int[] pointers, int[] sources, int firstNode, int lastNode, int heads, double[] s, double[] t,
        double slope, double[] alpha)
    {
        var vectorHeads = heads - heads % 4;
        var vslope = Vector256.Create(slope);
        var minusInfinity = Vector256.Create(double.NegativeInfinity);
        fixed (double* sp = s, tp = t, ap = alpha)
        {
            for (var i = firstNode; i < lastNode; i++)
            {
                var (first, last) = (pointers[i], pointers[i + 1]);
                for (var k = 0; k < vectorHeads; k += 4)
                {
                    var ti = Vector256.Load(tp + i * heads + k);
                    var max = minusInfinity;
                    for (var e = first; e < last; e++)
                    {
                        var z = Vector256.Load(sp + sources[e] * heads + k) + ti;
                        var score = Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<double>.Zero), z, vslope * z);
                        Vector256.Store(score, ap + e * heads + k);
                        max = Vector256.Max(max, score);
                    }

                    for (var e = first; e < last; e++) Vector256.Store(Vector256.Load(ap + e * heads + k) - max, ap + e * heads + k);
                }

                for (var k = vectorHeads; k < heads; k++)
                {
                    var max = double.NegativeInfinity;
                    for (var e = first; e < last; e++)
                    {
                        var z = sp[sources[e] * heads + k] + tp[i * heads + k];
                        ap[e * heads + k] = z > 0.0 ? z : slope * z;
                        max = Math.Max(max, ap[e * heads + k]);
                    }

                    for (var e = first; e < last; e++) ap[e * heads + k] -= max;
                }
            }

            // Every exponent is <= 0. Each entry's e^x is the same whatever span it is computed in.
            var span = alpha.AsSpan(pointers[firstNode] * heads, (pointers[lastNode] - pointers[firstNode]) * heads);
            MlMath.LinearAlgebra.VectorMath.Exp(span, span);
            for (var i = firstNode; i < lastNode; i++)
            {
                var (first, last) = (pointers[i], pointers[i + 1]);
                for (var k = 0; k < vectorHeads; k += 4)
                {
                    var sum = Vector256<double>.Zero;
                    for (var e = first; e < last; e++) sum += Vector256.Load(ap + e * heads + k);
                    var inverse = Vector256<double>.One / sum;
                    for (var e = first; e < last; e++) Vector256.Store(Vector256.Load(ap + e * heads + k) * inverse, ap + e * heads + k);
                }

                for (var k = vectorHeads; k < heads; k++)
                {
                    var sum = 0.0;
                    for (var e = first; e < last; e++) sum += ap[e * heads + k];
                    var inverse = 1.0 / sum;
                    for (var e = first; e < last; e++) ap[e * heads + k] *= inverse;
                }
            }
        }
    }

    /// <summary>used[e + k E] = alpha[e, k] m[e, k] (m the edge-major dropout mask, or ones when null): the product and the turn to head-major in one pass.</summary>
    public static void ApplyMaskToHeadMajor(int[] pointers, int n, double[] alpha, double[]? mask, int edges, int heads, double[] used) =>
        SparseKernels.ForRowRanges(pointers, n, heads, (first, last) =>
        {
            for (var e = pointers[first]; e < pointers[last]; e++)
            {
                for (var k = 0; k < heads; k++) used[e + k * edges] = mask is null ? alpha[e * heads + k] : alpha[e * heads + k] * mask[e * heads + k];
            }
        });

    /// <summary>
    /// The softmax and LeakyReLU backward of <see cref="Softmax"/>: with gs = dL/dalpha, per neighbourhood of i
    /// w = sum_e gs[e] alpha[e], dz[e] = alpha[e] (gs[e] - w) (1 if z[e] &gt; 0, else slope); ds[j] += dz[e] for
    /// e = (j -> i) and dt[i] = sum_e dz[e]. z is recomputed from s and t (the same sum, so the same sign).
    /// <paramref name="ds"/> must be cleared; <paramref name="dt"/> is overwritten.
    /// </summary>
    public static unsafe void SoftmaxBackward(int[] pointers, int[] sources, int n, int heads, double[] s, double[] t, double slope,
        double[] alpha, double[] gs, double[] ds, double[] dt)
    {
        var vectorHeads = heads - heads % 4;
        var vslope = Vector256.Create(slope);
        fixed (double* sp = s, tp = t, ap = alpha, gp = gs, dsp = ds, dtp = dt)
        {
            for (var i = 0; i < n; i++)
            {
                var (first, last) = (pointers[i], pointers[i + 1]);
                for (var k = 0; k < vectorHeads; k += 4)
                {
                    var weighted = Vector256<double>.Zero;
                    for (var e = first; e < last; e++) weighted += Vector256.Load(gp + e * heads + k) * Vector256.Load(ap + e * heads + k);
                    var ti = Vector256.Load(tp + i * heads + k);
                    var sum = Vector256<double>.Zero;
                    for (var e = first; e < last; e++)
                    {
                        var z = Vector256.Load(sp + sources[e] * heads + k) + ti;
                        var leak = Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<double>.Zero), Vector256<double>.One, vslope);
                        var dz = Vector256.Load(ap + e * heads + k) * (Vector256.Load(gp + e * heads + k) - weighted) * leak;
                        var dsj = dsp + sources[e] * heads + k;
                        Vector256.Store(Vector256.Load(dsj) + dz, dsj);
                        sum += dz;
                    }

                    Vector256.Store(sum, dtp + i * heads + k);
                }

                for (var k = vectorHeads; k < heads; k++)
                {
                    var weighted = 0.0;
                    for (var e = first; e < last; e++) weighted += gp[e * heads + k] * ap[e * heads + k];
                    var sum = 0.0;
                    for (var e = first; e < last; e++)
                    {
                        var z = sp[sources[e] * heads + k] + tp[i * heads + k];
                        var dz = ap[e * heads + k] * (gp[e * heads + k] - weighted) * (z > 0.0 ? 1.0 : slope);
                        dsp[sources[e] * heads + k] += dz;
                        sum += dz;
                    }

                    dtp[i * heads + k] = sum;
                }
            }
        }
    }
}
