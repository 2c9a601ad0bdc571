using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// The network's output u(x, t) at a set of points and its derivatives u_x, u_t, u_xx, each an n x 1 Variable that is
/// differentiable with respect to the network's parameters, so a PDE residual built from them can be trained.
/// </summary>
/// <remarks>
/// How: the points are a leaf Variable P (n x 2, rows (x, t)) that requires a gradient; U = net(P) is n x 1. Row i of U
/// depends only on row i of P, so the vector-Jacobian product with a seed of ones, Gradients.Of(U, P, 1, createGraph:
/// true), is the n x 2 matrix whose row i is (du_i/dx_i, du_i/dt_i): all n gradients in one backward pass. Because
/// createGraph keeps that pass in the graph, differentiating u_x again the same way gives u_xx, and the loss's backward
/// pass reaches the parameters through both (a second-order derivative of the network: Raissi, Perdikaris &amp;
/// Karniadakis 2019, section 2; Griewank &amp; Walther, <i>Evaluating Derivatives</i>, 2008, chapter 3). Each derivative
/// is computed on first use.
/// </remarks>
public sealed class PinnFields
{
    private readonly Variable _points;
    private readonly Variable _ones;
    private Variable? _firstDerivatives;
    private Variable? _uxx;

    /// <summary>Evaluates <paramref name="network"/> at <paramref name="points"/> (n x 2, rows (x, t)).</summary>
    /// <exception cref="ArgumentException">The points are not n x 2, or the network's output is not n x 1.</exception>
    public PinnFields(Module network, Matrix<double> points)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(points);
        if (points.ColumnCount != 2 || points.RowCount == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"PinnFields: the points are {points.RowCount}x{points.ColumnCount}; they must be n x 2 rows (x, t) with n > 0."), nameof(points));
        }

        using var _ = GradMode.EnableGrad();
        _points = new Variable(points, requiresGrad: true, name: "points");
        U = network.Forward(_points);
        if (U.Rows != points.RowCount || U.Columns != 1)
        {
            throw new ArgumentException($"PinnFields: the network maps {points.RowCount}x2 points to {U.Shape}; it must return one value per point (n x 1).", nameof(network));
        }

        _ones = Variable.Constant(Matrix<double>.Build.Dense(points.RowCount, 1, 1.0));
        X = Variable.Constant(points.SubMatrix(0, points.RowCount, 0, 1));
        T = Variable.Constant(points.SubMatrix(0, points.RowCount, 1, 1));
    }

    /// <summary>The x coordinates (n x 1 constant), for coefficients and source terms.</summary>
    public Variable X { get; }

    /// <summary>The t coordinates (n x 1 constant).</summary>
    public Variable T { get; }

    /// <summary>u at the points (n x 1).</summary>
    public Variable U { get; }

    /// <summary>du/dx (n x 1).</summary>
    public Variable Ux => FirstDerivatives().SliceColumns(0, 1);

    /// <summary>du/dt (n x 1).</summary>
    public Variable Ut => FirstDerivatives().SliceColumns(1, 1);

    /// <summary>d^2u/dx^2 (n x 1).</summary>
    public Variable Uxx
    {
        get
        {
            if (_uxx is null)
            {
                using var _ = GradMode.EnableGrad();
                _uxx = Gradients.Of(Ux, _points, _ones, createGraph: true).SliceColumns(0, 1);
            }

            return _uxx;
        }
    }

    private Variable FirstDerivatives()
    {
        if (_firstDerivatives is null)
        {
            using var _ = GradMode.EnableGrad();
            _firstDerivatives = Gradients.Of(U, _points, _ones, createGraph: true);
        }

        return _firstDerivatives;
    }
}
