namespace MlMath.Manifolds;

/// <summary>
/// A quadtree over 2-D points storing each cell's point count and centre of mass, for the Barnes-Hut
/// approximation of t-SNE's repulsive forces (van der Maaten, "Accelerating t-SNE using tree-based
/// algorithms", JMLR 15, 2014; Barnes and Hut, Nature 324, 1986).
/// </summary>
/// <remarks>
/// A cell of side w seen from y_i at distance d from its centre of mass y_cell is summarised by its N points
/// when w / d &lt; theta: each point of the cell is treated as if it were at y_cell, adding N q and N q^2 (y_i - y_cell)
/// with q = 1 / (1 + d^2). Otherwise its four children are visited. Leaves (one point, or several identical ones at
/// the depth limit) are summed exactly. A cell that contains y_i is never summarised when theta &lt; 1 / sqrt 2.
/// Cells live in one array of structs (one cache line each) that is reused when the tree is rebuilt.
/// </remarks>
internal sealed class BarnesHutQuadtree
{
    private const int MaxDepth = 48;
    private readonly int[] _order;
    private readonly int[] _scratch;
    private double[] _y = [];
    private Cell[] _cells = new Cell[64];
    private int _cellCount;

    private struct Cell
    {
        public double ComX;
        public double ComY;
        public double SideSquared;
        public int Start;
        public int Count;
        public int FirstChild; // -1 for a leaf
    }

    internal BarnesHutQuadtree(int n)
    {
        _order = new int[n];
        _scratch = new int[n];
    }

    /// <summary>Builds the tree over the n points of row-major <paramref name="y"/> (n x 2), replacing the previous one.</summary>
    internal void Build(double[] y)
    {
        var n = _order.Length;
        _y = y;
        for (var i = 0; i < n; i++) _order[i] = i;
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            minX = Math.Min(minX, y[2 * i]);
            maxX = Math.Max(maxX, y[2 * i]);
            minY = Math.Min(minY, y[2 * i + 1]);
            maxY = Math.Max(maxY, y[2 * i + 1]);
        }

        var half = Math.Max(Math.Max(maxX - minX, maxY - minY) / 2 * (1 + 1e-9), 1e-300);
        _cellCount = 0;
        Build(NewCell(), 0, n, (minX + maxX) / 2, (minY + maxY) / 2, half, 0);
    }

    private int NewCell()
    {
        if (_cellCount == _cells.Length) Array.Resize(ref _cells, 2 * _cells.Length);
        return _cellCount++;
    }

    private void Build(int cell, int start, int end, double cx, double cy, double half, int depth)
    {
        double sx = 0, sy = 0;
        for (var t = start; t < end; t++)
        {
            sx += _y[2 * _order[t]];
            sy += _y[2 * _order[t] + 1];
        }

        var count = end - start;
        _cells[cell] = new Cell
        {
            ComX = count > 0 ? sx / count : cx,
            ComY = count > 0 ? sy / count : cy,
            SideSquared = 4 * half * half,
            Start = start,
            Count = count,
            FirstChild = -1,
        };
        if (count <= 1 || depth >= MaxDepth) return;

        // Counting sort of the range into quadrants 0..3 (bit 0: x >= cx, bit 1: y >= cy).
        Span<int> counts = stackalloc int[5];
        for (var t = start; t < end; t++) counts[Quadrant(_order[t], cx, cy) + 1]++;
        for (var q = 0; q < 4; q++) counts[q + 1] += counts[q];
        Span<int> next = stackalloc int[4];
        for (var q = 0; q < 4; q++) next[q] = start + counts[q];
        for (var t = start; t < end; t++) _scratch[next[Quadrant(_order[t], cx, cy)]++] = _order[t];
        Array.Copy(_scratch, start, _order, start, count);

        var first = NewCell();
        NewCell();
        NewCell();
        NewCell();
        _cells[cell].FirstChild = first;
        var h = half / 2;
        for (var q = 0; q < 4; q++)
        {
            Build(first + q, start + counts[q], start + counts[q + 1], cx + ((q & 1) != 0 ? h : -h), cy + ((q & 2) != 0 ? h : -h), h, depth + 1);
        }
    }

    private int Quadrant(int p, double cx, double cy) => (_y[2 * p] >= cx ? 1 : 0) | (_y[2 * p + 1] >= cy ? 2 : 0);

    /// <summary>
    /// For point i: the partial normalisation z_i = sum_{j != i} q_ij (q_ij = 1 / (1 + |y_i - y_j|^2)) and the
    /// unnormalised repulsion r_i = sum_{j != i} q_ij^2 (y_i - y_j), both approximated with parameter theta.
    /// </summary>
    internal double Repulsion(int i, double theta, out double rx, out double ry)
    {
        double xi = _y[2 * i], yi = _y[2 * i + 1];
        double z = 0, sumX = 0, sumY = 0;
        var theta2 = theta * theta;
        var cells = _cells;
        Span<int> stack = stackalloc int[4 * MaxDepth + 8];
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            ref readonly var cell = ref cells[stack[--top]];
            if (cell.Count == 0) continue;
            if (cell.FirstChild < 0 && cell.Count > 1)
            {
                // A leaf of several points at the depth limit: sum them one by one.
                for (var t = cell.Start; t < cell.Start + cell.Count; t++)
                {
                    var j = _order[t];
                    if (j == i) continue;
                    var ex = xi - _y[2 * j];
                    var ey = yi - _y[2 * j + 1];
                    var q = 1.0 / (1.0 + ex * ex + ey * ey);
                    z += q;
                    sumX += q * q * ex;
                    sumY += q * q * ey;
                }

                continue;
            }

            if (cell.FirstChild < 0 && _order[cell.Start] == i) continue; // the point itself
            var dx = xi - cell.ComX;
            var dy = yi - cell.ComY;
            var d2 = dx * dx + dy * dy;
            if (cell.FirstChild < 0 || cell.SideSquared < theta2 * d2)
            {
                // One point (exact) or a far cell (summarised by its centre of mass).
                var q = 1.0 / (1.0 + d2);
                var nq = cell.Count * q;
                z += nq;
                sumX += nq * q * dx;
                sumY += nq * q * dy;
            }
            else
            {
                var first = cell.FirstChild;
                stack[top++] = first;
                stack[top++] = first + 1;
                stack[top++] = first + 2;
                stack[top++] = first + 3;
            }
        }

        rx = sumX;
        ry = sumY;
        return z;
    }
}
