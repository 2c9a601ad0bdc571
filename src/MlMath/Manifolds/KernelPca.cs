using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Manifolds;

/// <summary>
/// Kernel PCA: PCA in the feature space of a kernel, computed from the n x n kernel matrix alone.
/// </summary>
/// <remarks>
/// <para>Scholkopf, Smola and Muller, "Nonlinear component analysis as a kernel eigenvalue problem", Neural
/// Computation 10, 1998. With K_ij = k(x_i, x_j), centring in feature space (phi(x) - mean phi) gives
/// K~ = J K J, J = I - (1/n) 1 1^T. If K~ a_i = lambda_i a_i with |a_i| = 1, the i-th feature-space principal
/// axis is sum_j (a_i)_j phi~(x_j) / sqrt(lambda_i), and a point's coordinate on it is
/// k~(x)^T a_i / sqrt(lambda_i), where k~(x) is its centred kernel vector
/// k~_j = k(x, x_j) - mean_l k(x, x_l) - mean_l K_lj + mean_lm K_lm. On the training points this gives
/// sqrt(lambda_i) (a_i)_j. The top eigenpairs come from <see cref="Lanczos"/>.</para>
/// </remarks>
public sealed class KernelPca
{
    private readonly double[] _trainingRows;
    private readonly int _dimension;
    private readonly Vector<double> _kernelColumnMeans;
    private readonly double _kernelMean;
    private readonly Matrix<double> _scaledAxes; // n x c: a_i / sqrt(lambda_i)

    private KernelPca(IKernel kernel, double[] rows, int dimension, Vector<double> columnMeans, double mean,
        Matrix<double> scaledAxes, Vector<double> eigenvalues, Matrix<double> trainingCoordinates)
    {
        Kernel = kernel;
        _trainingRows = rows;
        _dimension = dimension;
        _kernelColumnMeans = columnMeans;
        _kernelMean = mean;
        _scaledAxes = scaledAxes;
        Eigenvalues = eigenvalues;
        TrainingCoordinates = trainingCoordinates;
    }

    /// <summary>The kernel.</summary>
    public IKernel Kernel { get; }

    /// <summary>lambda_1 &gt;= ... &gt;= lambda_c, the top eigenvalues of the centred kernel matrix (n times the feature-space variances).</summary>
    public Vector<double> Eigenvalues { get; }

    /// <summary>The n x c coordinates of the training points, sqrt(lambda_i) (a_i)_j.</summary>
    public Matrix<double> TrainingCoordinates { get; }

    /// <summary>Fits kernel PCA to the rows of <paramref name="x"/>; O(n^2 d) for the kernel matrix, O(n^2) per Lanczos step.</summary>
    /// <param name="x">n x d data, n &gt;= 2, finite.</param>
    /// <param name="kernel">The kernel.</param>
    /// <param name="components">c, 1 &lt;= c &lt;= n; every kept eigenvalue must be positive.</param>
    /// <param name="cancellationToken">Checked during the eigen-solve.</param>
    /// <exception cref="ArgumentException">NaN or infinity in the data.</exception>
    /// <exception cref="InvalidOperationException">A kept eigenvalue is not positive (the centred kernel matrix has lower rank than c).</exception>
    public static KernelPca Fit(Matrix<double> x, IKernel kernel, int components, CancellationToken cancellationToken = default)
    {
        const string method = "KernelPca.Fit";
        ManifoldChecks.Data(x, method, nameof(x));
        ManifoldChecks.NotNull(kernel, method, nameof(kernel));
        int n = x.RowCount, d = x.ColumnCount;
        ManifoldChecks.Components(components, n, method, nameof(components));
        var rows = ManifoldChecks.RowMajor(x);
        var k = new DenseMatrix(n, n);
        Parallel.For(0, n, j =>
        {
            for (var i = 0; i < n; i++) k.Values[j * n + i] = kernel.Evaluate(rows.AsSpan(i * d, d), rows.AsSpan(j * d, d));
        });
        var columnMeans = k.ColumnSums() / n;
        var mean = columnMeans.Average();
        // J K J: the same double centring as classical MDS, without the -1/2 and the squaring.
        var centred = DenseMatrix.Create(n, n, (i, j) => k[i, j] - columnMeans[i] - columnMeans[j] + mean);
        var eig = SpectralSolvers.LargestDense(centred, components, cancellationToken);
        if (eig.Eigenvalues[components - 1] <= 1e-12 * Math.Max(eig.Eigenvalues[0], double.Epsilon))
        {
            throw new InvalidOperationException(ManifoldChecks.F($"{method}: eigenvalue {components} of the centred kernel matrix is {eig.Eigenvalues[components - 1]}, not positive; use fewer components."));
        }

        var scaled = eig.Eigenvectors.Clone();
        var coordinates = eig.Eigenvectors.Clone();
        for (var c = 0; c < components; c++)
        {
            var root = Math.Sqrt(eig.Eigenvalues[c]);
            scaled.SetColumn(c, scaled.Column(c) / root);
            coordinates.SetColumn(c, coordinates.Column(c) * root);
        }

        return new KernelPca(kernel, rows, d, columnMeans, mean, scaled, eig.Eigenvalues, coordinates);
    }

    /// <summary>The coordinates of new points: row r is k~(x_r)^T a_i / sqrt(lambda_i) for each axis i.</summary>
    /// <exception cref="ArgumentException">The points do not have d columns, or have non-finite entries.</exception>
    public Matrix<double> Transform(Matrix<double> x)
    {
        const string method = "KernelPca.Transform";
        ManifoldChecks.Data(x, method, nameof(x), 1);
        if (x.ColumnCount != _dimension)
        {
            throw new ArgumentException(ManifoldChecks.F($"{method}: x is {x.RowCount}x{x.ColumnCount}, but the model was fitted on {_dimension} columns."), nameof(x));
        }

        var n = _kernelColumnMeans.Count;
        var rows = ManifoldChecks.RowMajor(x);
        var kx = new DenseMatrix(x.RowCount, n);
        for (var r = 0; r < x.RowCount; r++)
        {
            var point = rows.AsSpan(r * _dimension, _dimension);
            var rowMean = 0.0;
            for (var j = 0; j < n; j++)
            {
                kx[r, j] = Kernel.Evaluate(point, _trainingRows.AsSpan(j * _dimension, _dimension));
                rowMean += kx[r, j] / n;
            }

            for (var j = 0; j < n; j++) kx[r, j] += -rowMean - _kernelColumnMeans[j] + _kernelMean;
        }

        return kx * _scaledAxes;
    }
}
