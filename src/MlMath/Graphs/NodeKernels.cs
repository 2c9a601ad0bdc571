using System.Runtime.Intrinsics;

namespace MlMath.Graphs;

/// <summary>
/// The loops of <see cref="GraphOps.LinearNodeMajor"/>: per node, a small matrix-vector product with the node's row in
/// registers. A call to a span kernel per (node, output) pair cost more than the 64 multiply-adds it did, so the
/// rows are walked here in 8-wide AVX-512 slices (4-wide, then scalars, for the rest).
/// </summary>
internal static class NodeKernels
{
    /// <summary>y_i[j] = x_i . W[:, j] for node-major x (n rows of a) and column-major W (a x b); y node-major (n rows of b).</summary>
    public static unsafe void LinearForward(double[] x, double[] w, int a, int b, int n, double[] y)
    {
        fixed (double* xp = x, wp = w, yp = y)
        {
            for (var i = 0; i < n; i++)
            {
                var xi = xp + (long)i * a;
                for (var j = 0; j < b; j++) yp[(long)i * b + j] = Dot(xi, wp + (long)j * a, a);
            }
        }
    }

    /// <summary>dx_i = sum_j g_i[j] W[:, j] and dW[:, j] += g_i[j] x_i, node-major x, g and dx (dx overwritten, dW accumulated).</summary>
    public static unsafe void LinearBackward(double[] x, double[] w, double[] g, int a, int b, int n, double[] dx, double[] dw)
    {
        fixed (double* xp = x, wp = w, gp = g, dxp = dx, dwp = dw)
        {
            for (var i = 0; i < n; i++)
            {
                var xi = xp + (long)i * a;
                var dxi = dxp + (long)i * a;
                var gi = gp + (long)i * b;
                // dx_i slice by slice, summed over j in a register (one store per slice, no chain through memory)
                var q = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; q <= a - 8; q += 8)
                    {
                        var acc = Vector512<double>.Zero;
                        for (var j = 0; j < b; j++) acc += Vector512.Create(gi[j]) * Vector512.Load(wp + (long)j * a + q);
                        acc.Store(dxi + q);
                    }
                }

                for (; q < a; q++)
                {
                    var acc = 0.0;
                    for (var j = 0; j < b; j++) acc += gi[j] * wp[(long)j * a + q];
                    dxi[q] = acc;
                }

                for (var j = 0; j < b; j++) SparseKernels.Axpy(gi[j], xi, dwp + (long)j * a, a);
            }
        }
    }

    /// <summary>y_i += b for every node i of a node-major y (n rows of width): a plain loop, since a span call per row of 16 cost more than its adds.</summary>
    public static unsafe void AddToEveryNode(double[] y, double[] b, int n, int width)
    {
        fixed (double* yp = y, bp = b)
        {
            for (var i = 0; i < n; i++)
            {
                var yi = yp + (long)i * width;
                for (var c = 0; c < width; c++) yi[c] += bp[c];
            }
        }
    }

    /// <summary>s = sum over nodes i of g_i for a node-major g (n rows of width), added node by node.</summary>
    public static unsafe void SumOverNodes(double[] g, int n, int width, double[] s)
    {
        fixed (double* gp = g, sp = s)
        {
            for (var i = 0; i < n; i++)
            {
                var gi = gp + (long)i * width;
                for (var c = 0; c < width; c++) sp[c] += gi[c];
            }
        }
    }

    /// <summary>sum_k x_k y_k, 8 lanes at a time.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe double Dot(double* x, double* y, int length)
    {
        var k = 0;
        var sum = 0.0;
        if (length >= 8)
        {
            // Two accumulators halve the chain of dependent additions (a dot of 64 is latency-bound, not throughput-bound).
            // No IsHardwareAccelerated test: without AVX-512, .NET emulates the 512-bit vectors with the same lane
            // arithmetic, so the sum, and training, is bit-identical on every machine (only slower there).
            var (even, odd) = (Vector512<double>.Zero, Vector512<double>.Zero);
            for (; k <= length - 16; k += 16)
            {
                even += Vector512.Load(x + k) * Vector512.Load(y + k);
                odd += Vector512.Load(x + k + 8) * Vector512.Load(y + k + 8);
            }

            for (; k <= length - 8; k += 8) even += Vector512.Load(x + k) * Vector512.Load(y + k);
            sum = Vector512.Sum(even + odd);
        }

        for (; k < length; k++) sum += x[k] * y[k];
        return sum;
    }
}
