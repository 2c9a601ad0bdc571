using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// A physics-informed neural network (Raissi, Perdikaris &amp; Karniadakis, <i>J. Comput. Phys.</i> 378, 2019): a network
/// u_theta(x, t) trained so that the PDE residual vanishes at collocation points and the initial and boundary conditions
/// hold, by minimising
/// L(theta) = w_r mean_i r(x_i, t_i)^2 + sum_c w_c mean_j (B_c[u](p_j) - g_j)^2,
/// with Adam and then L-BFGS. No mesh and no solution data are needed: the physics is the training signal.
/// </summary>
/// <remarks>
/// The residual needs derivatives of the network with respect to its inputs (u_t, u_x, u_xx: <see cref="PinnFields"/>),
/// and the loss's gradient with respect to theta then differentiates those again, which is why the autodiff engine must
/// build graphs of its own backward passes (createGraph). Use a smooth activation (tanh): with ReLU, u_xx is zero almost
/// everywhere. Training is deterministic given the network's initial parameters and the points.
/// </remarks>
public sealed class Pinn
{
    private readonly Matrix<double> _collocation;

    /// <summary>Creates the trainer.</summary>
    /// <param name="network">u_theta: n x 2 (x, t) -&gt; n x 1 (e.g. from <see cref="PinnNetwork.Create"/>).</param>
    /// <param name="residual">The PDE residual.</param>
    /// <param name="collocationPoints">n x 2 interior points (e.g. <see cref="SpaceTimeDomain.Sample"/>).</param>
    /// <param name="conditions">Initial and boundary conditions.</param>
    /// <exception cref="ArgumentException">The collocation points are not n x 2 with n &gt; 0.</exception>
    public Pinn(Module network, PinnResidual residual, Matrix<double> collocationPoints, IReadOnlyList<PinnCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(residual);
        ArgumentNullException.ThrowIfNull(collocationPoints);
        ArgumentNullException.ThrowIfNull(conditions);
        if (collocationPoints.ColumnCount != 2 || collocationPoints.RowCount == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Pinn: the collocation points are {collocationPoints.RowCount}x{collocationPoints.ColumnCount}; they must be n x 2 rows (x, t)."), nameof(collocationPoints));
        }

        (Network, Residual, _collocation, Conditions) = (network, residual, collocationPoints.Clone(), conditions.ToList());
    }

    /// <summary>The network u_theta.</summary>
    public Module Network { get; }

    /// <summary>The PDE residual.</summary>
    public PinnResidual Residual { get; }

    /// <summary>The initial and boundary conditions.</summary>
    public IReadOnlyList<PinnCondition> Conditions { get; }

    /// <summary>The loss L(theta) at the current parameters, as a 1x1 Variable (differentiable in theta).</summary>
    /// <param name="residualWeight">w_r.</param>
    /// <exception cref="InvalidOperationException">The residual does not return an n x 1 Variable.</exception>
    public Variable Loss(double residualWeight = 1.0) => Components(residualWeight).Total;

    /// <summary>u_theta at <paramref name="points"/> (n x 2 -&gt; n x 1), without building a graph.</summary>
    public Matrix<double> Predict(Matrix<double> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        using var _ = GradMode.NoGrad();
        return Network.Forward(points).Value.Clone();
    }

    /// <summary>Trains with <see cref="PinnOptions.AdamIterations"/> full-batch Adam steps, then L-BFGS with a strong Wolfe line search.</summary>
    /// <param name="options">The schedule (defaults when null).</param>
    /// <param name="progress">Receives the loss after every Adam step and every L-BFGS iterate.</param>
    /// <param name="cancellationToken">Checked every iteration; when signalled, training stops and returns what it has.</param>
    public PinnTrainingResult Train(PinnOptions? options = null, IProgress<PinnProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new PinnOptions();
        var history = new List<double>();
        var adam = new Adam(Network.Parameters(), options.AdamLearningRate);
        var adamDone = 0;
        for (var k = 1; k <= options.AdamIterations && !cancellationToken.IsCancellationRequested; k++)
        {
            adam.ZeroGrad();
            var loss = Loss(options.ResidualWeight);
            loss.Backward();
            adam.Step();
            history.Add(loss.Item);
            adamDone = k;
            progress?.Report(new PinnProgress("Adam", k, loss.Item));
        }

        MinimizationResult? lbfgs = null;
        if (options.LbfgsIterations > 0 && !cancellationToken.IsCancellationRequested)
        {
            var minimizer = new Lbfgs(new StrongWolfeLineSearch(), options.LbfgsMemory,
                new MinimizerOptions { MaxIterations = options.LbfgsIterations, GradientTolerance = 1e-10 });
            var report = new Reporter(iteration =>
            {
                if (iteration.Iteration == 0) return;
                history.Add(iteration.Value);
                progress?.Report(new PinnProgress("L-BFGS", iteration.Iteration, iteration.Value));
            });
            lbfgs = minimizer.Minimize(Network, () => Loss(options.ResidualWeight), cancellationToken, report);
        }

        var final = Components(options.ResidualWeight);
        return new PinnTrainingResult(history, adamDone, lbfgs, final.Total.Item, final.Residual, final.Conditions);
    }

    private (Variable Total, double Residual, Dictionary<string, double> Conditions) Components(double residualWeight)
    {
        using var _ = GradMode.EnableGrad();
        var residual = Residual(new PinnFields(Network, _collocation));
        if (residual is null || residual.Rows != _collocation.RowCount || residual.Columns != 1)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Pinn: the residual returned {residual?.Shape ?? "null"}; it must be {_collocation.RowCount}x1, one value per collocation point."));
        }

        var residualLoss = residual.Square().Mean();
        var total = residualLoss * residualWeight;
        var parts = new Dictionary<string, double>();
        foreach (var condition in Conditions)
        {
            var value = condition.Operator(new PinnFields(Network, condition.Points));
            var misfit = (value - Variable.Constant(condition.Targets)).Square().Mean();
            parts[condition.Name] = misfit.Item;
            total += misfit * condition.Weight;
        }

        return (total, residualLoss.Item, parts);
    }

    /// <summary>A synchronous <see cref="IProgress{T}"/> (System.Progress posts to a thread pool, out of order).</summary>
    private sealed class Reporter(Action<MinimizationIteration> action) : IProgress<MinimizationIteration>
    {
        public void Report(MinimizationIteration value) => action(value);
    }
}
