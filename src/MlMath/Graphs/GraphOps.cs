using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.LinearAlgebra;

namespace MlMath.Graphs;

/// <summary>
/// The differentiable operations of message passing that the general Variable ops would do slowly: each
/// keeps its forward and its backward rule side by side. Backward rules use the array kernels when no graph
/// of the gradient is being recorded (a plain <c>Backward()</c>), and Variable ops otherwise, so that second
/// derivatives still work; both forms compute the same formula and both are gradient-checked.
/// </summary>
internal static partial class GraphOps
{
    /// <summary>
    /// Y = S X (+ b, a 1 x f row added to every row, when given) for a constant sparse S and a (dense) Variable X.
    /// Backward: db = column sums of G; dX = S^T G, computed by scattering
    /// the rows of G (no transpose of S is built, so S may change every call, as under dropout).
    /// </summary>
    public static Variable SparseMultiply(CsrMatrix s, Variable x, Variable? bias = null)
    {
        var width = x.Columns;
        var xr = SparseKernels.Rent(x.Rows * width);
        var yr = SparseKernels.Rent(s.RowCount * width);
        SparseKernels.ToRowMajor(Values(x), x.Rows, width, xr);
        SparseKernels.Multiply(s.RowPointerArray, s.ColumnIndexArray, s.ValueArray, s.RowCount, xr, width, yr);
        var result = DenseKernels.Uninitialized(s.RowCount, width);
        SparseKernels.ToColumnMajor(yr, s.RowCount, width, result.Values);
        SparseKernels.Return(xr);
        SparseKernels.Return(yr);
        if (bias is null) return Variable.FromOp("SparseMultiply", result, [x], g => [SparseMultiplyTransposed(s, g)]);
        var b = Values(bias);
        for (var c = 0; c < width; c++) TensorPrimitives.Add(result.Values.AsSpan(c * s.RowCount, s.RowCount), b[c], result.Values.AsSpan(c * s.RowCount, s.RowCount));
        return Variable.FromOp("SparseMultiply", result, [x, bias], g => [SparseMultiplyTransposed(s, g), g.SumPerColumn()]);
    }

    /// <summary>Y = S^T G without building S^T. Backward: dG = S dY.</summary>
    public static Variable SparseMultiplyTransposed(CsrMatrix s, Variable g)
    {
        var width = g.Columns;
        var gr = SparseKernels.Rent(g.Rows * width);
        var yr = SparseKernels.Rent(s.ColumnCount * width);
        SparseKernels.ToRowMajor(Values(g), g.Rows, width, gr);
        SparseKernels.MultiplyTransposed(s, gr, width, yr);
        var result = DenseKernels.Uninitialized(s.ColumnCount, width);
        SparseKernels.ToColumnMajor(yr, s.ColumnCount, width, result.Values);
        SparseKernels.Return(gr);
        SparseKernels.Return(yr);
        return Variable.FromOp("SparseMultiplyTransposed", result, [g], d => [SparseMultiply(s, d)]);
    }

    /// <summary>
    /// out_i[h] = b[h] + sum over edges e = (j -> i) of alpha[e, h] x_j[h] (b optional), where row blocks [h] are the
    /// <c>heads</c> equal column blocks of x (one per attention head). alpha is E x heads, x is n x (heads f).
    /// Backward: dalpha[e, h] = &lt;g_i[h], x_j[h]&gt;, dx_j[h] += alpha[e, h] g_i[h].
    /// </summary>
    public static Variable WeightedAggregate(Variable alpha, Variable x, Graph graph, Variable? bias = null)
    {
        var heads = alpha.Columns;
        var n = graph.NodeCount;
        var width = x.Columns;
        var f = width / heads;
        var (pointers, sources, edges) = (graph.RowPointers, graph.SourceArray, graph.EdgeCount);
        var a = Values(alpha);
        var xr = SparseKernels.Rent(n * width);
        var yr = SparseKernels.Rent(n * width);
        SparseKernels.ToRowMajor(Values(x), n, width, xr);
        for (var i = 0; i < n; i++)
        {
            if (bias is null) Array.Clear(yr, i * width, width);
            else Values(bias).AsSpan(0, width).CopyTo(yr.AsSpan(i * width, width)); // y_i starts at b
        }

        SparseKernels.WeightedAggregate(pointers, sources, a, edges, heads, n, xr, width, yr);

        var result = DenseKernels.Uninitialized(n, width);
        SparseKernels.ToColumnMajor(yr, n, width, result.Values);
        SparseKernels.Return(xr);
        SparseKernels.Return(yr);
        if (bias is not null)
        {
            return Variable.FromOp("WeightedAggregate", result, [alpha, x, bias], g =>
                [.. GradMode.IsEnabled ? WeightedAggregateBackwardGraph(alpha, x, graph, g) : WeightedAggregateBackward(alpha, x, graph, g), g.SumPerColumn()]);
        }

        return Variable.FromOp("WeightedAggregate", result, [alpha, x], g => GradMode.IsEnabled
            ? WeightedAggregateBackwardGraph(alpha, x, graph, g)
            : WeightedAggregateBackward(alpha, x, graph, g));
    }

    private static Variable?[] WeightedAggregateBackward(Variable alpha, Variable x, Graph graph, Variable g)
    {
        var heads = alpha.Columns;
        var (n, width, edges) = (graph.NodeCount, x.Columns, graph.EdgeCount);
        var f = width / heads;
        var (pointers, sources) = (graph.RowPointers, graph.SourceArray);
        var a = Values(alpha);
        var xr = SparseKernels.Rent(n * width);
        var gr = SparseKernels.Rent(n * width);
        var dxr = SparseKernels.Rent(n * width);
        SparseKernels.ToRowMajor(Values(x), n, width, xr);
        SparseKernels.ToRowMajor(Values(g), n, width, gr);
        Array.Clear(dxr, 0, n * width);
        var dAlpha = new DenseMatrix(edges, heads);
        SparseKernels.WeightedAggregateBackward(pointers, sources, graph.TargetArray, graph.EdgesBySource, a, edges, heads, n, xr, gr, width, dAlpha.Values, dxr, edgeMajorGradient: false);
        var dx = DenseKernels.Uninitialized(n, width);
        SparseKernels.ToColumnMajor(dxr, n, width, dx.Values);
        SparseKernels.Return(xr);
        SparseKernels.Return(gr);
        SparseKernels.Return(dxr);
        return [Variable.Constant(dAlpha), Variable.Constant(dx)];
    }

    /// <summary>The same rule as <see cref="WeightedAggregateBackward"/>, written with Variable ops.</summary>
    private static Variable?[] WeightedAggregateBackwardGraph(Variable alpha, Variable x, Graph graph, Variable g)
    {
        var blocks = Variable.Constant(BlockIndicator(x.Columns, alpha.Columns)); // (heads f) x heads
        var gTarget = g.GatherRows(graph.TargetArray);
        var dAlpha = gTarget.PointwiseMultiply(x.GatherRows(graph.SourceArray)) * blocks;
        var alphaWide = Variable.MatMulTransposeB(alpha, blocks); // E x (heads f)
        var dx = alphaWide.PointwiseMultiply(gTarget).ScatterAddRows(graph.SourceArray, graph.NodeCount);
        return [dAlpha, dx];
    }

    /// <summary>B[c, h] = 1 when column c belongs to head h (columns split into equal blocks).</summary>
    public static DenseMatrix BlockIndicator(int width, int heads)
    {
        var f = width / heads;
        var b = new DenseMatrix(width, heads);
        for (var c = 0; c < width; c++) b[c, c / f] = 1.0;
        return b;
    }

    /// <summary>
    /// Softmax within groups of rows, per column: y[r, c] = exp(x[r, c] - m) / sum_{r' in group(r)} exp(x[r', c] - m),
    /// m the group's maximum in that column. Backward: dx = y .* (g - sum_group(g .* y)).
    /// </summary>
    public static Variable GroupSoftmax(Variable x, int[] group, int groupCount)
    {
        var (rows, columns) = (x.Rows, x.Columns);
        var values = Values(x);
        var result = new DenseMatrix(rows, columns);
        var y = result.Values;
        var max = new double[groupCount];
        var sum = new double[groupCount];
        for (var c = 0; c < columns; c++)
        {
            var offset = c * rows;
            Array.Fill(max, double.NegativeInfinity);
            Array.Clear(sum);
            for (var r = 0; r < rows; r++) max[group[r]] = Math.Max(max[group[r]], values[offset + r]);
            for (var r = 0; r < rows; r++)
            {
                y[offset + r] = Math.Exp(values[offset + r] - max[group[r]]);
                sum[group[r]] += y[offset + r];
            }

            for (var r = 0; r < rows; r++) y[offset + r] /= sum[group[r]];
        }

        Variable? output = null;
        output = Variable.FromOp("GroupSoftmax", result, [x], g =>
            [output!.PointwiseMultiply(g - g.PointwiseMultiply(output!).ScatterAddRows(group, groupCount).GatherRows(group))]);
        return output;
    }

    /// <summary>
    /// y[k, c] = max over rows r with group[r] = k of x[r, c] (0 for an empty group, as PyTorch Geometric).
    /// Backward: the gradient goes to the row that attained the maximum (the first on ties), 0 elsewhere.
    /// </summary>
    public static Variable GroupMax(Variable x, int[] group, int groupCount)
    {
        var (rows, columns) = (x.Rows, x.Columns);
        var values = Values(x);
        var result = new DenseMatrix(groupCount, columns);
        var winner = new int[groupCount * columns];
        Array.Fill(winner, -1);
        for (var c = 0; c < columns; c++)
        {
            for (var r = 0; r < rows; r++)
            {
                var slot = group[r] + c * groupCount;
                if (winner[slot] < 0 || values[r + c * rows] > result.Values[slot])
                {
                    winner[slot] = r;
                    result.Values[slot] = values[r + c * rows];
                }
            }
        }

        return Variable.FromOp("GroupMax", result, [x], g =>
        {
            var mask = new DenseMatrix(rows, columns);
            for (var slot = 0; slot < winner.Length; slot++)
            {
                if (winner[slot] >= 0) mask.Values[winner[slot] + slot / groupCount * rows] = 1.0;
            }

            return [Variable.Constant(mask).PointwiseMultiply(g.GatherRows(group))];
        });
    }

    /// <summary>
    /// Per-head dot products: s[r, h] = sum over columns c of head h of x[r, c] a[c] (x's columns split into
    /// equal blocks, one per head; a is a 1 x width row). GAT's a^T (W x) for all nodes and heads at once.
    /// Backward: dx[r, c] = g[r, h(c)] a[c]; da[c] = sum_r g[r, h(c)] x[r, c].
    /// </summary>
    public static Variable HeadDot(Variable x, Variable a, int heads)
    {
        var (rows, width) = (x.Rows, x.Columns);
        var f = width / heads;
        var (xv, av) = (Values(x), Values(a));
        var result = new DenseMatrix(rows, heads);
        for (var c = 0; c < width; c++)
        {
            var s = result.Values.AsSpan(c / f * rows, rows);
            TensorPrimitives.MultiplyAdd(xv.AsSpan(c * rows, rows), av[c], s, s);
        }

        return Variable.FromOp("HeadDot", result, [x, a], g =>
        {
            if (GradMode.IsEnabled)
            {
                var wide = Variable.MatMulTransposeB(g, Variable.Constant(BlockIndicator(width, heads))); // rows x width
                return [wide.MultiplyRowVector(a), wide.PointwiseMultiply(x).SumPerColumn()];
            }

            var gv = Values(g);
            var dx = new DenseMatrix(rows, width);
            var da = new DenseMatrix(1, width);
            for (var c = 0; c < width; c++)
            {
                var gh = gv.AsSpan(c / f * rows, rows);
                TensorPrimitives.Multiply(gh, av[c], dx.Values.AsSpan(c * rows, rows));
                da.Values[c] = TensorPrimitives.Dot(gh, xv.AsSpan(c * rows, rows));
            }

            return [Variable.Constant(dx), Variable.Constant(da)];
        });
    }

    /// <summary>
    /// Y = X W for a tall node-feature matrix X (n x a) and a small weight W (a x b), single-threaded over the
    /// column-major arrays: column j of Y is sum_k W[k, j] X[:, k], a axpys of length n. Backward:
    /// dX = G W^T, dW = X^T G (b axpys per column of dX, a b dot products of length n for dW).
    /// </summary>
    /// <remarks>
    /// Written when the engine's products still went to MathNet, which parallelises these shapes and was measured
    /// 20-50x slower on the shared 2-core machine (2708x16 by 16x7: milliseconds instead of tens of microseconds);
    /// see docs/benchmarks-graphs.md. The engine now uses <see cref="LinearAlgebra.MatrixProduct"/>, which pads a
    /// 7-column output to its 8-wide tile and packs X; which of the two is faster at these shapes has not been
    /// measured on a quiet machine yet.
    /// </remarks>
    public static Variable Linear(Variable x, Variable w)
    {
        if (x.Columns != w.Rows) ShapeCheck.Throw("Linear", $"features are {x.Shape}, weight is {w.Shape}; the weight needs one row per feature.");
        var (n, a, b) = (x.Rows, x.Columns, w.Columns);
        var (xv, wv) = (Values(x), Values(w));
        var result = new DenseMatrix(n, b);
        var y = result.Values;
        for (var k = 0; k < a; k++)
        {
            var xk = xv.AsSpan(k * n, n); // read once, stays in L1 while it is added into every column of Y
            for (var j = 0; j < b; j++)
            {
                var yj = y.AsSpan(j * n, n);
                TensorPrimitives.MultiplyAdd(xk, wv[k + j * a], yj, yj);
            }
        }

        return Variable.FromOp("Linear", result, [x, w], g =>
        {
            if (GradMode.IsEnabled) return [Variable.MatMulTransposeB(g, w), Variable.MatMulTransposeA(x, g)];
            var gv = Values(g);
            var dx = new DenseMatrix(n, a);
            var dw = new DenseMatrix(a, b);
            for (var k = 0; k < a; k++)
            {
                var dxk = dx.Values.AsSpan(k * n, n);
                var xk = xv.AsSpan(k * n, n);
                for (var j = 0; j < b; j++)
                {
                    var gj = gv.AsSpan(j * n, n);
                    TensorPrimitives.MultiplyAdd(gj, wv[k + j * a], dxk, dxk);
                    dw.Values[k + j * a] = TensorPrimitives.Dot(xk, gj);
                }
            }

            return [Variable.Constant(dx), Variable.Constant(dw)];
        });
    }

    /// <summary>
    /// y = ELU(x) .* m with the inverted-dropout mask m (0 with probability p, else 1 / (1 - p)); ELU(x) = x for
    /// x &gt; 0, else e^x - 1 (Clevert et al., ICLR 2016). Backward: dx = g .* m .* (1 for x &gt; 0, else e^x).
    /// The GAT hidden layer's activation and dropout in one pass, keeping the one array m .* ELU'(x) for backward.
    /// </summary>
    public static Variable EluDropout(Variable x, double p, Random random)
    {
        var length = x.Rows * x.Columns;
        var xv = Values(x);
        var derivative = DenseKernels.Uninitialized(x.Rows, x.Columns);
        var d = derivative.Values;
        MlMath.LinearAlgebra.VectorMath.Exp(xv.AsSpan(0, length), d);                 // d = e^x (vectorised)
        var result = DenseKernels.Uninitialized(x.Rows, x.Columns);
        var y = result.Values;
        if (p > 0.0) DropoutMask.Fill(y, p, random);                  // y = m for now
        else Array.Fill(y, 1.0);
        ActivationKernels.EluDropout(xv, y, d, length);                    // y = m ELU(x), d = m ELU'(x)

        var output = Variable.FromOp("EluDropout", result, [x], g =>
        {
            if (!GradMode.IsEnabled) return [Variable.Constant(DenseKernels.Zip(g.Value, derivative, TensorPrimitives.Multiply))];
            var positive = new DenseMatrix(x.Rows, x.Columns);
            var negative = new DenseMatrix(x.Rows, x.Columns);
            var mask = new DenseMatrix(x.Rows, x.Columns);
            for (var k = 0; k < length; k++)
            {
                var e = Math.Exp(xv[k]);
                (positive.Values[k], negative.Values[k]) = xv[k] > 0.0 ? (1.0, 0.0) : (0.0, 1.0);
                mask.Values[k] = xv[k] > 0.0 ? d[k] : e > 0.0 ? d[k] / e : 0.0; // m recovered from m e^x
            }

            // ELU'(x) = 1 for x > 0, else e^x, as a function of x so that it can be differentiated again.
            var slope = Variable.Constant(positive) + Variable.Constant(negative).PointwiseMultiply(x.Exp());
            return [g.PointwiseMultiply(Variable.Constant(mask)).PointwiseMultiply(slope)];
        });
        output.KeepScratch(d); // m .* ELU'(x), handed back when the graph is released
        return output;
    }

    /// <summary>
    /// y = ReLU(x) .* m with the inverted-dropout mask m (0 with probability p, else s = 1 / (1 - p)). Backward:
    /// dx = g .* (m where x &gt; 0, else 0) = g .* (s where y &gt; 0, else 0). The GCN hidden layer's activation and
    /// dropout in one pass.
    /// </summary>
    /// <remarks>
    /// The rule reads the mask back from y: y &gt; 0 exactly where x &gt; 0 and m = s (s &gt;= 1, so x s never rounds
    /// to 0), so the mask is a temporary of the forward pass instead of a second 2708 x 16 array kept for backward
    /// (with default GC settings every large array kept costs page faults; docs/benchmarks-graphs.md). The factor
    /// is the same double the mask held, so the gradient is the same to the last bit. ReLU's second derivative
    /// is zero almost everywhere, so the rule is also its own createGraph form.
    /// </remarks>
    public static Variable ReluDropout(Variable x, double p, Random random)
    {
        var (result, scale) = ReluDropoutForward(Values(x), x.Rows, x.Columns, p, random);
        return Variable.FromOp("ReluDropout", result, [x], g =>
            [GradMode.IsEnabled ? ReluDropoutGradient(g, result, scale)
                : Variable.Constant(ActivationKernels.ReluDropoutBackward(Values(g), result.Values, scale, x.Rows, x.Columns))]);
    }

    /// <summary>y = ReLU(x) .* m for the first rows x columns entries of <paramref name="x"/>, with the mask a pooled
    /// temporary; returns y and the mask's non-zero value s.</summary>
    private static (DenseMatrix Result, double Scale) ReluDropoutForward(double[] x, int rows, int columns, double p, Random random)
    {
        var length = rows * columns;
        var mask = SparseKernels.Rent(length);
        if (p > 0.0) DropoutMask.Fill(mask.AsSpan(0, length), p, random);
        else Array.Fill(mask, 1.0, 0, length);
        var result = DenseKernels.Uninitialized(rows, columns);
        ActivationKernels.ReluDropout(x, mask, result.Values, length); // y = x m where x > 0, else 0
        SparseKernels.Return(mask);
        return (result, DropoutMask.KeptValue(p)); // the mask's non-zero value (1 for p = 0, as the fill above)
    }

    /// <summary>g .* (s where y &gt; 0, else 0) as a Variable op (the createGraph form of the ReLU-dropout rule).</summary>
    private static Variable ReluDropoutGradient(Variable g, DenseMatrix y, double scale) =>
        g.PointwiseMultiply(Variable.Constant(DenseKernels.MapScalar(y, v => v > 0.0 ? scale : 0.0)));

    /// <summary>Inverted dropout: y = x .* m with m_k = 0 (probability p) or 1 / (1 - p). Backward: dx = g .* m.</summary>
    public static Variable Dropout(Variable x, double p, Random random)
    {
        var mask = new DenseMatrix(x.Rows, x.Columns);
        DropoutMask.Fill(mask.Values, p, random);
        return x.PointwiseMultiply(Variable.Constant(mask));
    }

    private static double[] Values(Variable v) => ((DenseMatrix)v.Value).Values;
}
