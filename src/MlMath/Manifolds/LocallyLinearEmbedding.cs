using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Manifolds;

/// <summary>
/// Locally linear embedding: each point is a weighted average of its neighbours, and the embedding keeps the
/// same weights.
/// </summary>
/// <remarks>
/// <para>Roweis and Saul, "Nonlinear dimensionality reduction by locally linear embedding", Science 290, 2000;
/// Saul and Roweis, JMLR 4, 2003. (1) For each x_i with neighbours N(i) (k nearest), minimise
/// |x_i - sum_j W_ij x_j|^2 subject to sum_j W_ij = 1: with Z = rows x_j - x_i (j in N(i)) and local Gram
/// matrix C = Z Z^T, the weights solve C w = 1, then w &lt;- w / sum w. When k &gt; d, C is singular, so it is
/// regularised: C &lt;- C + r trace(C) I, r = <see cref="Regularization"/> (as in scikit-learn). (2) Find Y
/// minimising sum_i |y_i - sum_j W_ij y_j|^2 = tr(Y^T M Y), M = (I - W)^T (I - W), subject to Y^T Y = I and
/// centred Y: the eigenvectors of M for its 2nd to (c + 1)-th smallest eigenvalues (the smallest, 0, has the
/// constant eigenvector).</para>
/// <para>M is sparse (about k^2 entries per row). Its smallest eigenpairs come from shift-invert Lanczos with
/// an envelope Cholesky factor of M + 1e-8 max(M_ii) I, as scikit-learn uses ARPACK in shift-invert mode.</para>
/// </remarks>
public sealed class LocallyLinearEmbedding
{
    /// <summary>Configures LLE.</summary>
    /// <param name="neighbors">k &gt;= 1 (checked against n when fitting).</param>
    /// <param name="components">The embedding dimension c &gt;= 1.</param>
    /// <param name="regularization">r &gt; 0 in C + r trace(C) I.</param>
    public LocallyLinearEmbedding(int neighbors = 12, int components = 2, double regularization = 1e-3)
    {
        if (neighbors < 1) throw new ArgumentOutOfRangeException(nameof(neighbors), neighbors, "LocallyLinearEmbedding: neighbors must be at least 1.");
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "LocallyLinearEmbedding: components must be at least 1.");
        ManifoldChecks.Positive(regularization, "LocallyLinearEmbedding", nameof(regularization));
        Neighbors = neighbors;
        Components = components;
        Regularization = regularization;
    }

    /// <summary>k, the number of neighbours that reconstruct each point.</summary>
    public int Neighbors { get; }

    /// <summary>c, the embedding dimension.</summary>
    public int Components { get; }

    /// <summary>r, the regularisation of the local Gram matrix relative to its trace.</summary>
    public double Regularization { get; }

    /// <summary>Embeds the rows of <paramref name="x"/>: n x c coordinates (orthonormal columns) and their eigenvalues of M.</summary>
    /// <param name="x">n x d data, finite.</param>
    /// <param name="cancellationToken">Honoured during the eigen-solve.</param>
    /// <exception cref="ArgumentException">NaN or infinity in the data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &gt; n - 1, or c &gt; n - 2.</exception>
    public SpectralEmbedding FitTransform(Matrix<double> x, CancellationToken cancellationToken = default)
    {
        const string method = "LocallyLinearEmbedding.FitTransform";
        ManifoldChecks.Data(x, method, nameof(x));
        ManifoldChecks.NeighborCount(Neighbors, x.RowCount, method, nameof(Neighbors));
        ManifoldChecks.Components(Components, x.RowCount - 2, method, nameof(Components));
        var weights = ReconstructionWeights(x);
        var m = CostMatrix(weights, x.RowCount, Neighbors);
        var eig = SpectralSolvers.SmallestSparse(m, Components + 1, cancellationToken);
        var coordinates = eig.Eigenvectors.SubMatrix(0, x.RowCount, 1, Components);
        return new SpectralEmbedding(coordinates, eig.Eigenvalues.SubVector(1, Components));
    }

    /// <summary>
    /// Step 1: the n x k reconstruction weights W (row i: weights of i's neighbours, nearest first, summing to 1)
    /// and the neighbour list they refer to.
    /// </summary>
    /// <exception cref="ArgumentException">NaN or infinity in the data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &gt; n - 1.</exception>
    public (Matrix<double> Weights, NeighborList Neighbors) ComputeWeights(Matrix<double> x)
    {
        const string method = "LocallyLinearEmbedding.ComputeWeights";
        ManifoldChecks.Data(x, method, nameof(x));
        ManifoldChecks.NeighborCount(Neighbors, x.RowCount, method, nameof(Neighbors));
        var (w, list) = ReconstructionWeights(x);
        return (DenseMatrix.Create(x.RowCount, Neighbors, (i, r) => w[i * Neighbors + r]), list);
    }

    internal (double[] Weights, NeighborList Neighbors) ReconstructionWeights(Matrix<double> x)
    {
        int n = x.RowCount, d = x.ColumnCount, k = Neighbors;
        var rows = ManifoldChecks.RowMajor(x);
        var neighbors = NearestNeighbors.Search(rows, n, d, k);
        var weights = new double[n * k];
        Parallel.For(0, n, () => new double[k * k], (i, _, gram) =>
        {
            var nb = neighbors.Indices(i);
            // C_ab = (x_a - x_i) . (x_b - x_i)
            var trace = 0.0;
            for (var a = 0; a < k; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    var sum = 0.0;
                    for (var c = 0; c < d; c++) sum += (rows[nb[a] * d + c] - rows[i * d + c]) * (rows[nb[b] * d + c] - rows[i * d + c]);
                    gram[a * k + b] = sum;
                    gram[b * k + a] = sum;
                }

                trace += gram[a * k + a];
            }

            var ridge = trace > 0 ? Regularization * trace : Regularization;
            for (var a = 0; a < k; a++) gram[a * k + a] += ridge;
            var w = weights.AsSpan(i * k, k);
            SolveSpdWithOnes(gram, k, w);
            var total = 0.0;
            foreach (var v in w) total += v;
            for (var a = 0; a < k; a++) w[a] /= total;
            return gram;
        }, _ => { });
        return (weights, neighbors);
    }

    /// <summary>Solves C w = 1 for a small symmetric positive definite C (row-major, overwritten) by Cholesky.</summary>
    private static void SolveSpdWithOnes(double[] c, int k, Span<double> w)
    {
        for (var j = 0; j < k; j++)
        {
            var diagonal = c[j * k + j];
            for (var p = 0; p < j; p++) diagonal -= c[j * k + p] * c[j * k + p];
            var root = Math.Sqrt(diagonal);
            c[j * k + j] = root;
            for (var i = j + 1; i < k; i++)
            {
                var s = c[i * k + j];
                for (var p = 0; p < j; p++) s -= c[i * k + p] * c[j * k + p];
                c[i * k + j] = s / root;
            }
        }

        for (var i = 0; i < k; i++)
        {
            var s = 1.0;
            for (var p = 0; p < i; p++) s -= c[i * k + p] * w[p];
            w[i] = s / c[i * k + i];
        }

        for (var i = k - 1; i >= 0; i--)
        {
            var s = w[i];
            for (var p = i + 1; p < k; p++) s -= c[p * k + i] * w[p];
            w[i] = s / c[i * k + i];
        }
    }

    /// <summary>
    /// M = (I - W)^T (I - W) = I - W - W^T + W^T W, assembled row by row in parallel. Row a collects 1 at (a, a),
    /// -W_ab for b in N(a), -W_ra for each r with a in N(r), and W_ra W_rb for each such r and b in N(r),
    /// summed in a dense scatter array (O(n) per thread) and gathered in column order.
    /// </summary>
    internal static SparseSymmetricMatrix CostMatrix((double[] Weights, NeighborList Neighbors) wn, int n, int k)
    {
        var (w, neighbors) = wn;
        // reverse[a]: the slots r * k + p with N(r)[p] = a
        var reverseCount = new int[n + 1];
        for (var t = 0; t < n * k; t++) reverseCount[neighbors.Index(t / k, t % k) + 1]++;
        for (var a = 0; a < n; a++) reverseCount[a + 1] += reverseCount[a];
        var reverse = new int[n * k];
        var fill = reverseCount[..n];
        for (var t = 0; t < n * k; t++) reverse[fill[neighbors.Index(t / k, t % k)]++] = t;

        var rowColumns = new int[n][];
        var rowValues = new double[n][];
        Parallel.For(0, n, () => (Sum: new double[n], Seen: new bool[n], Columns: new List<int>()), (a, _, scratch) =>
        {
            var (sum, seen, columns) = scratch;
            void Add(int column, double value)
            {
                if (!seen[column])
                {
                    seen[column] = true;
                    columns.Add(column);
                }

                sum[column] += value;
            }

            Add(a, 1.0);
            var own = neighbors.Indices(a);
            for (var p = 0; p < k; p++) Add(own[p], -w[a * k + p]);
            for (var s = reverseCount[a]; s < reverseCount[a + 1]; s++)
            {
                var slot = reverse[s];
                var r = slot / k;
                var wra = w[slot];
                Add(r, -wra);
                var nr = neighbors.Indices(r);
                for (var q = 0; q < k; q++) Add(nr[q], wra * w[r * k + q]);
            }

            columns.Sort();
            var cols = columns.ToArray();
            var vals = new double[cols.Length];
            for (var c = 0; c < cols.Length; c++)
            {
                vals[c] = sum[cols[c]];
                sum[cols[c]] = 0;
                seen[cols[c]] = false;
            }

            columns.Clear();
            rowColumns[a] = cols;
            rowValues[a] = vals;
            return scratch;
        }, _ => { });
        return SparseSymmetricMatrix.FromCsrRows(rowColumns, rowValues);
    }
}
