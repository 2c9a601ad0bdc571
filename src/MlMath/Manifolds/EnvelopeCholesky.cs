using System.Numerics.Tensors;

namespace MlMath.Manifolds;

/// <summary>
/// Cholesky factorisation A = L L^T of a sparse symmetric positive definite matrix in envelope (skyline)
/// storage after a reverse Cuthill-McKee reordering: the solver behind shift-invert Lanczos for the LLE and
/// Laplacian matrices.
/// </summary>
/// <remarks>
/// <para>Row i of L has nonzeros only between its first nonzero column f_i and the diagonal (no fill
/// outside the envelope), so each row is stored as one contiguous run and computed by the bordering method:
/// L_ij = (A_ij - sum_{k=max(f_i, f_j)}^{j-1} L_ik L_jk) / L_jj for f_i &lt;= j &lt; i, and
/// L_ii = sqrt(A_ii - sum_k L_ik^2). Reverse Cuthill-McKee (breadth-first order from a pseudo-peripheral node,
/// neighbours by increasing degree, then reversed) keeps the envelope narrow for graphs of low-dimensional
/// manifolds: about sqrt(n) k wide for a 2-D sheet, so the factorisation costs far less than the dense n^3 / 3.</para>
/// <para>References: George and Liu, Computer Solution of Large Sparse Positive Definite Systems, 1981,
/// ch. 4; Cuthill and McKee, Proc. 24th ACM National Conference, 1969.</para>
/// </remarks>
internal sealed class EnvelopeCholesky
{
    private readonly int[] _permutation; // new index -> old index
    private readonly int[] _first;
    private readonly int[] _rowStart;
    private readonly double[] _l;

    internal int Size { get; }

    /// <summary>The number of stored entries of L (the envelope size).</summary>
    internal long EnvelopeSize => _l.Length;

    /// <summary>Factors A - shift I.</summary>
    /// <exception cref="InvalidOperationException">A - shift I is not positive definite.</exception>
    internal EnvelopeCholesky(SparseSymmetricMatrix a, double shift = 0)
    {
        var n = a.Size;
        Size = n;
        _permutation = ReverseCuthillMcKee(a);
        var inverse = new int[n];
        for (var i = 0; i < n; i++) inverse[_permutation[i]] = i;
        _first = new int[n];
        _rowStart = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            var old = _permutation[i];
            var first = i;
            for (var k = a.Offsets[old]; k < a.Offsets[old + 1]; k++) first = Math.Min(first, inverse[a.Columns[k]]);
            _first[i] = first;
            _rowStart[i + 1] = _rowStart[i] + (i - first + 1);
        }

        _l = new double[_rowStart[n]];
        for (var i = 0; i < n; i++)
        {
            var old = _permutation[i];
            for (var k = a.Offsets[old]; k < a.Offsets[old + 1]; k++)
            {
                var j = inverse[a.Columns[k]];
                if (j <= i) _l[_rowStart[i] + j - _first[i]] += a.Values[k];
            }

            _l[_rowStart[i + 1] - 1] -= shift;
            FactorRow(i);
        }
    }

    private void FactorRow(int i)
    {
        var fi = _first[i];
        var row = _l.AsSpan(_rowStart[i], i - fi + 1);
        for (var j = fi; j < i; j++)
        {
            var lo = Math.Max(fi, _first[j]);
            var rowJ = _l.AsSpan(_rowStart[j], j - _first[j] + 1);
            var dot = TensorPrimitives.Dot<double>(row.Slice(lo - fi, j - lo), rowJ.Slice(lo - _first[j], j - lo));
            row[j - fi] = (row[j - fi] - dot) / rowJ[^1];
        }

        var off = row[..^1];
        var d = row[^1] - TensorPrimitives.Dot<double>(off, off);
        if (!(d > 0))
        {
            throw new InvalidOperationException(ManifoldChecks.F($"EnvelopeCholesky: the matrix is not positive definite (pivot {d} at row {i} of {Size})."));
        }

        row[^1] = Math.Sqrt(d);
    }

    /// <summary>Solves (A - shift I) x = b.</summary>
    internal void Solve(ReadOnlySpan<double> b, Span<double> x)
    {
        var n = Size;
        var y = new double[n];
        for (var i = 0; i < n; i++) y[i] = b[_permutation[i]];
        for (var i = 0; i < n; i++)
        {
            var fi = _first[i];
            var row = _l.AsSpan(_rowStart[i], i - fi + 1);
            y[i] = (y[i] - TensorPrimitives.Dot<double>(row[..^1], y.AsSpan(fi, i - fi))) / row[^1];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var fi = _first[i];
            var row = _l.AsSpan(_rowStart[i], i - fi + 1);
            y[i] /= row[^1];
            var target = y.AsSpan(fi, i - fi);
            TensorPrimitives.MultiplyAdd<double>(row[..^1], -y[i], target, target);
        }

        for (var i = 0; i < n; i++) x[_permutation[i]] = y[i];
    }

    /// <summary>The reverse Cuthill-McKee order (new index -> old index) of A's sparsity graph, component by component.</summary>
    internal static int[] ReverseCuthillMcKee(SparseSymmetricMatrix a)
    {
        var n = a.Size;
        var degree = new int[n];
        for (var i = 0; i < n; i++) degree[i] = a.Offsets[i + 1] - a.Offsets[i];
        var visited = new bool[n];
        var order = new List<int>(n);
        var byDegree = Enumerable.Range(0, n).OrderBy(i => degree[i]).ToArray();
        var neighbours = new List<int>();
        foreach (var seed in byDegree)
        {
            if (visited[seed]) continue;
            var start = PseudoPeripheral(a, seed, degree);
            var begin = order.Count;
            visited[start] = true;
            order.Add(start);
            for (var head = begin; head < order.Count; head++)
            {
                var u = order[head];
                neighbours.Clear();
                for (var k = a.Offsets[u]; k < a.Offsets[u + 1]; k++)
                {
                    var v = a.Columns[k];
                    if (!visited[v])
                    {
                        visited[v] = true;
                        neighbours.Add(v);
                    }
                }

                neighbours.Sort((p, q) => degree[p] != degree[q] ? degree[p].CompareTo(degree[q]) : p.CompareTo(q));
                order.AddRange(neighbours);
            }
        }

        order.Reverse();
        return order.ToArray();
    }

    /// <summary>A node of large eccentricity in the component of <paramref name="seed"/>: repeated breadth-first searches from the last level's lowest-degree node (George and Liu 1979).</summary>
    private static int PseudoPeripheral(SparseSymmetricMatrix a, int seed, int[] degree)
    {
        var current = seed;
        var depth = -1;
        var level = new Dictionary<int, int>();
        var queue = new Queue<int>();
        for (var round = 0; round < 5; round++)
        {
            level.Clear();
            level[current] = 0;
            queue.Enqueue(current);
            var maxLevel = 0;
            while (queue.Count > 0)
            {
                var u = queue.Dequeue();
                for (var k = a.Offsets[u]; k < a.Offsets[u + 1]; k++)
                {
                    var v = a.Columns[k];
                    if (level.ContainsKey(v)) continue;
                    level[v] = level[u] + 1;
                    maxLevel = Math.Max(maxLevel, level[v]);
                    queue.Enqueue(v);
                }
            }

            if (maxLevel <= depth) break;
            depth = maxLevel;
            current = level.Where(p => p.Value == maxLevel).OrderBy(p => degree[p.Key]).ThenBy(p => p.Key).First().Key;
        }

        return current;
    }
}
