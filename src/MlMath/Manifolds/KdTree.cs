namespace MlMath.Manifolds;

/// <summary>
/// A k-d tree over the rows of a point set, for exact k-nearest-neighbour queries in low dimension.
/// </summary>
/// <remarks>
/// Build: split the points at the median of the coordinate with the largest spread, recursively, until a
/// node holds at most <see cref="LeafSize"/> points; O(n log^2 n). Query: descend to the leaf that holds the
/// query, then visit the other side of a split only if the splitting plane is closer than the current k-th
/// nearest distance. Expected O(log n + k) per query for low d; it degrades towards brute force as d grows,
/// so <see cref="NearestNeighbors"/> uses it only for d &lt;= 16.
/// Reference: Friedman, Bentley and Finkel, "An algorithm for finding best matches in logarithmic expected
/// time", ACM TOMS 3(3), 1977.
/// </remarks>
internal sealed class KdTree
{
    internal const int LeafSize = 16;
    private readonly double[] _points;
    private readonly int _dimension;
    private readonly int[] _order;
    private readonly List<Node> _nodes = [];

    private readonly record struct Node(int Start, int End, int SplitDimension, double SplitValue, int Left, int Right);

    internal KdTree(double[] rowMajorPoints, int count, int dimension)
    {
        _points = rowMajorPoints;
        _dimension = dimension;
        _order = Enumerable.Range(0, count).ToArray();
        Build(0, count);
    }

    private int Build(int start, int end)
    {
        var index = _nodes.Count;
        _nodes.Add(default);
        if (end - start <= LeafSize)
        {
            _nodes[index] = new Node(start, end, -1, 0, -1, -1);
            return index;
        }

        var split = WidestDimension(start, end);
        var segment = _order.AsSpan(start, end - start);
        var keys = new double[segment.Length];
        for (var i = 0; i < segment.Length; i++) keys[i] = _points[segment[i] * _dimension + split];
        keys.AsSpan().Sort(segment);
        var middle = start + (end - start) / 2;
        var value = keys[middle - start];
        var left = Build(start, middle);
        var right = Build(middle, end);
        _nodes[index] = new Node(start, end, split, value, left, right);
        return index;
    }

    private int WidestDimension(int start, int end)
    {
        var best = 0;
        var bestSpread = -1.0;
        for (var c = 0; c < _dimension; c++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var i = start; i < end; i++)
            {
                var v = _points[_order[i] * _dimension + c];
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            if (max - min > bestSpread)
            {
                bestSpread = max - min;
                best = c;
            }
        }

        return best;
    }

    /// <summary>
    /// Fills <paramref name="indices"/> and <paramref name="squaredDistances"/> (length k) with the k nearest
    /// points to point <paramref name="query"/>, nearest first, excluding the query itself.
    /// </summary>
    internal void Query(int query, Span<int> indices, Span<double> squaredDistances)
    {
        var best = new BoundedNeighborList(indices, squaredDistances);
        Search(0, query, ref best);
    }

    private void Search(int nodeIndex, int query, ref BoundedNeighborList best)
    {
        var node = _nodes[nodeIndex];
        if (node.SplitDimension < 0)
        {
            for (var i = node.Start; i < node.End; i++)
            {
                var p = _order[i];
                if (p == query) continue;
                best.Offer(p, ManifoldChecks.SquaredDistance(_points, _dimension, query, p));
            }

            return;
        }

        var difference = _points[query * _dimension + node.SplitDimension] - node.SplitValue;
        var (near, far) = difference < 0 ? (node.Left, node.Right) : (node.Right, node.Left);
        Search(near, query, ref best);
        if (difference * difference < best.Worst) Search(far, query, ref best);
    }
}

/// <summary>
/// The k best (smallest squared distance) candidates seen so far, kept sorted in two caller-owned spans by
/// insertion: O(k) per accepted candidate, which beats a heap for the k &lt;= 100 that embeddings use.
/// </summary>
internal ref struct BoundedNeighborList
{
    private readonly Span<int> _indices;
    private readonly Span<double> _distances;
    private int _count;

    internal BoundedNeighborList(Span<int> indices, Span<double> distances)
    {
        _indices = indices;
        _distances = distances;
        _count = 0;
    }

    /// <summary>The k-th smallest squared distance so far (infinity until k candidates were seen).</summary>
    internal readonly double Worst => _count < _distances.Length ? double.PositiveInfinity : _distances[^1];

    internal void Offer(int index, double squaredDistance)
    {
        if (squaredDistance >= Worst) return;
        var position = Math.Min(_count, _distances.Length - 1);
        while (position > 0 && _distances[position - 1] > squaredDistance)
        {
            _distances[position] = _distances[position - 1];
            _indices[position] = _indices[position - 1];
            position--;
        }

        _distances[position] = squaredDistance;
        _indices[position] = index;
        if (_count < _distances.Length) _count++;
    }
}
