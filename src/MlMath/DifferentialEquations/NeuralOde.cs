using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.DifferentialEquations;

/// <summary>
/// A neural ordinary differential equation (Chen, Rubanova, Bettencourt &amp; Duvenaud, "Neural Ordinary
/// Differential Equations", NeurIPS 2018): a Module whose output is the solution at time t1 of
/// dy/dt = f_theta(y), y(t0) = input, where f_theta is another Module (the dynamics), integrated by any explicit
/// Runge-Kutta tableau, fixed-step or adaptive.
/// </summary>
/// <remarks>
/// <para>Gradients with respect to y0 and theta come either by backpropagation through the solver or by the adjoint
/// method (<see cref="GradientMethod"/>). The adjoint a(t) = dL/dy(t) obeys da/dt = -a^T df/dy, and
/// dL/dtheta = integral_{t0}^{t1} a^T df/dtheta dt; both are vector-Jacobian products, i.e. one backward pass of f
/// with seed a (<see cref="Gradients.Of(Variable, IReadOnlyList{Variable}, Variable?, bool, bool)"/>). The augmented
/// state [y, a, g] with dy/dt = f, da/dt = -a^T df/dy, dg/dt = -a^T df/dtheta is integrated from t1 back to t0
/// starting at [y(t1), dL/dy(t1), 0], by the same solver; at each earlier output time t_i, a jumps by dL/dy(t_i)
/// and y is reset to the forward value (as torchdiffeq does). Then a(t0) = dL/dy0 and g(t0) = dL/dtheta.</para>
/// <para>The dynamics are autonomous (f depends on y only); a time-dependent f can carry t as an extra state with
/// dt/dt = 1. Rows of the state are independent samples (a batch). Shapes: input B x D, output B x D.</para>
/// </remarks>
public sealed class NeuralOde : Module
{
    /// <summary>Creates the module.</summary>
    /// <param name="dynamics">f_theta: maps a B x D state batch to its B x D time derivative.</param>
    /// <param name="tableau">The explicit Runge-Kutta method (default Dormand-Prince 5(4)).</param>
    /// <param name="options">Tolerances or a fixed step (default: rtol 1e-6, atol 1e-9, adaptive).</param>
    /// <param name="gradientMethod">Backpropagation (default) or adjoint.</param>
    /// <param name="timeStart">t0 of <see cref="Forward(Variable)"/>.</param>
    /// <param name="timeEnd">t1 of <see cref="Forward(Variable)"/> (default 1).</param>
    public NeuralOde(Module dynamics, ButcherTableau? tableau = null, OdeSolverOptions? options = null,
        OdeGradientMethod gradientMethod = OdeGradientMethod.Backpropagation, double timeStart = 0, double timeEnd = 1)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        if (timeStart == timeEnd) throw new ArgumentException("NeuralOde: timeStart equals timeEnd.", nameof(timeEnd));
        Dynamics = RegisterModule("dynamics", dynamics);
        Solver = new ExplicitRungeKutta(tableau ?? ButcherTableau.DormandPrince54);
        Options = options ?? new OdeSolverOptions();
        GradientMethod = gradientMethod;
        (TimeStart, TimeEnd) = (timeStart, timeEnd);
    }

    /// <summary>f_theta.</summary>
    public Module Dynamics { get; }

    /// <summary>The solver (its tableau).</summary>
    public ExplicitRungeKutta Solver { get; }

    /// <summary>Tolerances or fixed step, used forwards and (adjoint) backwards.</summary>
    public OdeSolverOptions Options { get; set; }

    /// <summary>How gradients are computed.</summary>
    public OdeGradientMethod GradientMethod { get; set; }

    /// <summary>t0 of <see cref="Forward(Variable)"/>.</summary>
    public double TimeStart { get; }

    /// <summary>t1 of <see cref="Forward(Variable)"/>.</summary>
    public double TimeEnd { get; }

    /// <summary>Work of the last forward integration.</summary>
    public OdeStatistics? LastForwardStatistics { get; private set; }

    /// <summary>Work of the last adjoint (backward) integration, summed over its intervals.</summary>
    public OdeStatistics? LastAdjointStatistics { get; private set; }

    /// <summary>y(t1) for y(t0) = input.</summary>
    public override Variable Forward(Variable input) => Trajectory(input, [TimeStart, TimeEnd])[^1];

    /// <summary>y at each of <paramref name="times"/> (times[0] is the time of <paramref name="y0"/>).</summary>
    /// <exception cref="ArgumentException">The times are not strictly monotone or fewer than two.</exception>
    /// <exception cref="InvalidOperationException">The solver did not reach the last time (its status says why).</exception>
    public IReadOnlyList<Variable> Trajectory(Variable y0, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(y0);
        if (GradientMethod == OdeGradientMethod.Backpropagation || !GradMode.IsEnabled) return Integrate(y0, times);

        VariableOdeSolution forward;
        using (GradMode.NoGrad()) forward = SolveChecked(y0.Detach(), times);
        var parameters = Parameters().Where(p => !p.IsFrozen).ToArray();
        var (b, d) = (y0.Rows, y0.Columns);
        var stacked = DenseMatrix.Create(b * times.Count, d, 0.0);
        for (var i = 0; i < times.Count; i++) stacked.SetSubMatrix(i * b, 0, forward.States[i].Value);
        Variable[] inputs = [y0, .. parameters];
        var values = forward.States.Select(s => s.Value).ToArray();
        var output = Variable.Custom("NeuralOdeAdjoint", stacked, inputs, g => Adjoint(g.Value, values, times, parameters));
        return Enumerable.Range(0, times.Count).Select(i => output.SliceRows(i * b, b)).ToList();
    }

    private IReadOnlyList<Variable> Integrate(Variable y0, IReadOnlyList<double> times) => SolveChecked(y0, times).States;

    private VariableOdeSolution SolveChecked(Variable y0, IReadOnlyList<double> times)
    {
        var solution = Solver.Solve((_, y) => Dynamics.Forward(y), y0, times, Options);
        LastForwardStatistics = solution.Statistics;
        if (solution.Status != OdeStatus.Success)
        {
            throw new InvalidOperationException($"NeuralOde: the forward integration stopped with {solution.Status} after {solution.Statistics.AcceptedSteps} steps.");
        }

        return solution;
    }

    /// <summary>The adjoint pass: returns [dL/dy0, dL/dtheta_1, ...] for the stacked output gradient g.</summary>
    private IReadOnlyList<Variable?> Adjoint(Matrix<double> g, Matrix<double>[] states, IReadOnlyList<double> times, Parameter[] parameters)
    {
        var (b, d) = (states[0].RowCount, states[0].ColumnCount);
        var m = b * d;
        var sizes = parameters.Select(p => p.Rows * p.Columns).ToArray();
        var z = new double[2 * m + sizes.Sum()];
        var augmented = AugmentedDynamics(b, d, parameters, sizes);
        var options = Options with { StoreSteps = false };
        var (evaluations, accepted, rejected) = (0, 0, 0);
        for (var i = times.Count - 1; i >= 0; i--)
        {
            ((DenseMatrix)states[i]).Values.CopyTo(z, 0);
            var gi = ((DenseMatrix)g.SubMatrix(i * b, b, 0, d)).Values;
            for (var j = 0; j < m; j++) z[m + j] += gi[j];
            if (i == 0) break;
            var solution = Solver.Solve(new OdeProblem(augmented, Vector<double>.Build.DenseOfArray(z), times[i], times[i - 1]), options);
            if (solution.Status != OdeStatus.Success)
            {
                throw new InvalidOperationException($"NeuralOde: the adjoint integration stopped with {solution.Status} between t = {times[i]} and {times[i - 1]}.");
            }

            z = solution.FinalState.AsArray() ?? solution.FinalState.ToArray();
            (evaluations, accepted, rejected) = (evaluations + solution.Statistics.FunctionEvaluations, accepted + solution.Statistics.AcceptedSteps, rejected + solution.Statistics.RejectedSteps);
        }

        LastAdjointStatistics = new OdeStatistics(evaluations, accepted, rejected);
        var result = new Variable?[1 + parameters.Length];
        result[0] = Variable.Constant(DenseMatrix.Build.Dense(b, d, z.AsSpan(m, m).ToArray()));
        var offset = 2 * m;
        for (var p = 0; p < parameters.Length; p++)
        {
            result[p + 1] = Variable.Constant(DenseMatrix.Build.Dense(parameters[p].Rows, parameters[p].Columns, z.AsSpan(offset, sizes[p]).ToArray()));
            offset += sizes[p];
        }

        return result;
    }

    /// <summary>d/dt [y, a, g] = [f(y), -a^T df/dy, -a^T df/dtheta]: one forward and one backward pass of f.</summary>
    private OdeFunction AugmentedDynamics(int b, int d, Parameter[] parameters, int[] sizes)
    {
        var m = b * d;
        return (t, z, dz) =>
        {
            using var _ = GradMode.EnableGrad();
            var y = new Variable(DenseMatrix.Build.Dense(b, d, z[..m].ToArray()), requiresGrad: true);
            var a = Variable.Constant(DenseMatrix.Build.Dense(b, d, z.Slice(m, m).ToArray()));
            var f = Dynamics.Forward(y);
            ((DenseMatrix)f.Value).Values.CopyTo(dz);
            var grads = Gradients.Of(f, [y, .. parameters], seed: a, allowUnused: true);
            var offset = m;
            for (var p = 0; p < grads.Count; p++)
            {
                var values = ((DenseMatrix)grads[p].Value).Values;
                for (var j = 0; j < values.Length; j++) dz[offset + j] = -values[j];
                offset += values.Length;
            }
        };
    }
}
