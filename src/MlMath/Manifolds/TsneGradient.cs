namespace MlMath.Manifolds;

/// <summary>
/// The gradient of t-SNE's objective C = KL(P || Q) = sum_ij p_ij ln(p_ij / q_ij) with the Student-t
/// similarities q_ij = w_ij / Z, w_ij = (1 + |y_i - y_j|^2)^(-1), Z = sum_{k != l} w_kl:
/// dC/dy_i = 4 sum_j (p_ij - q_ij) w_ij (y_i - y_j) = 4 (F_attr,i - F_rep,i / Z), with
/// F_attr,i = sum_j p_ij w_ij (y_i - y_j) over the stored p_ij and F_rep,i = sum_j w_ij^2 (y_i - y_j)
/// (van der Maaten and Hinton 2008, eq. 5; the split is van der Maaten 2014, sec. 4).
/// </summary>
internal static class TsneGradient
{
    /// <summary>Writes the gradient (row-major n x c) for P scaled by <paramref name="exaggeration"/>; returns Z.</summary>
    internal static double Compute(JointProbabilities p, double[] y, int c, TsneGradientMethod method, double theta, double exaggeration, double[] gradient,
        BarnesHutQuadtree? tree = null)
    {
        var n = p.Count;
        var repulsion = new double[n * c];
        var zParts = new double[n];
        if (method == TsneGradientMethod.BarnesHut)
        {
            tree ??= new BarnesHutQuadtree(n);
            tree.Build(y);
            Parallel.For(0, n, i =>
            {
                zParts[i] = tree.Repulsion(i, theta, out var rx, out var ry);
                repulsion[2 * i] = rx;
                repulsion[2 * i + 1] = ry;
            });
        }
        else
        {
            Parallel.For(0, n, i =>
            {
                var z = 0.0;
                var r = repulsion.AsSpan(i * c, c);
                for (var j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    var w = 1.0 / (1.0 + ManifoldChecks.SquaredDistance(y, c, i, j));
                    z += w;
                    for (var a = 0; a < c; a++) r[a] += w * w * (y[i * c + a] - y[j * c + a]);
                }

                zParts[i] = z;
            });
        }

        var zTotal = zParts.Sum();
        Parallel.For(0, n, i =>
        {
            var g = gradient.AsSpan(i * c, c);
            for (var a = 0; a < c; a++) g[a] = -repulsion[i * c + a] / zTotal;
            for (var t = p.Offsets[i]; t < p.Offsets[i + 1]; t++)
            {
                var j = p.Columns[t];
                var pw = exaggeration * p.Values[t] / (1.0 + ManifoldChecks.SquaredDistance(y, c, i, j));
                for (var a = 0; a < c; a++) g[a] += pw * (y[i * c + a] - y[j * c + a]);
            }

            for (var a = 0; a < c; a++) g[a] *= 4;
        });
        return zTotal;
    }

    /// <summary>KL(P || Q) = sum over stored p_ij of p_ij ln(p_ij Z / w_ij), given Z.</summary>
    internal static double KlDivergence(JointProbabilities p, double[] y, int c, double z)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            for (var t = p.Offsets[i]; t < p.Offsets[i + 1]; t++)
            {
                var w = 1.0 / (1.0 + ManifoldChecks.SquaredDistance(y, c, i, p.Columns[t]));
                sum += p.Values[t] * Math.Log(p.Values[t] * z / w);
            }
        }

        return sum;
    }
}
