using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MlMath.DifferentialEquations;

/// <summary>
/// The L-stable linearly implicit Rosenbrock pair of MATLAB's ode23s (Shampine &amp; Reichelt, "The MATLAB ODE
/// Suite", SIAM J. Sci. Comput. 18(1), 1997, section 3), for stiff problems: order 2 propagated, order 3 error
/// estimate, FSAL, with its own dense output.
/// </summary>
/// <remarks>
/// <para>With d = 1/(2 + sqrt 2), e32 = 6 + sqrt 2, J = df/dy(t, y), T = df/dt(t, y) and W = I - h d J:
/// F0 = f(t, y); k1 = W^-1 (F0 + h d T); F1 = f(t + h/2, y + h k1 / 2); k2 = W^-1 (F1 - k1) + k1;
/// y_new = y + h k2; F2 = f(t + h, y_new); k3 = W^-1 (F2 - e32 (k2 - F1) - 2 (k1 - F0) + h d T);
/// err = h (k1 - 2 k2 + k3) / 6. Dense output: y(t + s h) = y + h (s (1 - s) k1 + s (s - 2d) k2) / (1 - 2d).</para>
/// <para>Why it works on stiff problems: a Rosenbrock method is one Newton iteration of a diagonally implicit RK
/// method, done exactly for the linearised problem, so each stage costs one linear solve with W and no Newton loop
/// (Hairer &amp; Wanner, Solving ODEs II, IV.7). On y' = lambda y, with z = h lambda and w = 1/(1 - d z), one step
/// multiplies y by R(z) = 1 + z w (2 - w + z w / 2), which is bounded by 1 on the left half-plane (A-stable) and
/// tends to 1 - 2/d + 1/(2 d^2) = 0 as z -> -infinity (L-stable): fast modes are damped in one step, however large h is, so h follows
/// accuracy, not stability.</para>
/// <para>J comes from <see cref="OdeProblem.Jacobian"/> (analytic, or from the autodiff engine with
/// <see cref="OdeProblem.FromVariableFunction"/>) or else from forward differences (n evaluations); T always from a
/// forward difference in t (one evaluation). J and T are recomputed after every accepted step and kept after a
/// rejection, when only W is refactorised.</para>
/// </remarks>
public sealed class Rosenbrock23 : IOdeSolver
{
    private static readonly double D = 1.0 / (2.0 + Math.Sqrt(2.0));
    private static readonly double E32 = 6.0 + Math.Sqrt(2.0);

    /// <inheritdoc />
    public string Name => "Rosenbrock 2(3) (ode23s)";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">f(t0, y0) is not finite, or a fixed step is requested (this solver is adaptive only).</exception>
    public OdeSolution Solve(OdeProblem problem, OdeSolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new OdeSolverOptions();
        if (options.FixedStep is not null) throw new ArgumentException("Rosenbrock23 is adaptive only; leave OdeSolverOptions.FixedStep null.", nameof(options));
        var n = problem.Dimension;
        var f = problem.Function;
        var (t0, t1) = (problem.TimeStart, problem.TimeEnd);
        var direction = Math.Sign(t1 - t0);
        var y = (double[])problem.InitialValueArray.Clone();
        var f0 = new double[n];
        problem.EvaluateChecked(t0, y, f0);
        var evaluations = 2;
        var h = Math.Min(options.InitialStep ?? StepSizeControl.InitialStep(f, t0, y, f0, direction, 2, options.AbsoluteTolerance, options.RelativeTolerance), options.MaxStep);
        var recorder = new SolutionRecorder(t0, y, options.StoreSteps);
        var jacobian = Matrix<double>.Build.Dense(n, n);
        var dfdt = new double[n];
        var (stage, f1, f2, error) = (new double[n], new double[n], new double[n], new double[n]);
        var (accepted, rejected, jacobians, factorisations, previousError) = (0, 0, 0, 0, 1e-4);
        var (needJacobian, lastRejected, status, t) = (true, false, OdeStatus.Success, t0);
        while (direction * (t1 - t) > 0)
        {
            if (accepted + rejected >= options.MaxSteps) { status = OdeStatus.MaxStepsExceeded; break; }
            if (h < 10 * (Math.BitIncrement(Math.Abs(t)) - Math.Abs(t))) { status = OdeStatus.StepSizeTooSmall; break; }
            if (needJacobian)
            {
                evaluations += EvaluateJacobian(problem, t, y, f0, jacobian, dfdt);
                jacobians++;
                needJacobian = false;
            }

            var remaining = Math.Abs(t1 - t);
            var isLast = h >= remaining;
            var hs = direction * (isLast ? remaining : h);
            var w = Matrix<double>.Build.DenseIdentity(n) - hs * D * jacobian;
            var lu = w.LU();
            factorisations++;

            var k1 = Solve(lu, n, i => f0[i] + hs * D * dfdt[i]);
            for (var i = 0; i < n; i++) stage[i] = y[i] + 0.5 * hs * k1[i];
            f(t + 0.5 * hs, stage, f1);
            var k2 = Solve(lu, n, i => f1[i] - k1[i]);
            for (var i = 0; i < n; i++) k2[i] += k1[i];
            var yNew = new double[n];
            for (var i = 0; i < n; i++) yNew[i] = y[i] + hs * k2[i];
            f(t + hs, yNew, f2);
            var k3 = Solve(lu, n, i => f2[i] - E32 * (k2[i] - f1[i]) - 2 * (k1[i] - f0[i]) + hs * D * dfdt[i]);
            evaluations += 2;
            for (var i = 0; i < n; i++) error[i] = hs / 6 * (k1[i] - 2 * k2[i] + k3[i]);
            var errorNorm = StepSizeControl.ErrorNorm(error, y, yNew, options.AbsoluteTolerance, options.RelativeTolerance);
            if (errorNorm <= 1)
            {
                accepted++;
                var factor = StepSizeControl.PiFactor(errorNorm, previousError, 3, options.Safety, options.MinFactor, options.MaxFactor);
                if (lastRejected) factor = Math.Min(1, factor);
                (previousError, lastRejected) = (Math.Max(errorNorm, 1e-4), false);
                h = Math.Min(Math.Abs(hs) * factor, options.MaxStep);
                var interpolant = recorder.StoreSteps ? new RosenbrockInterpolant(t, hs, y, k1, k2, D) : null;
                t = isLast ? t1 : t + hs;
                y = yNew;
                (f0, f2) = (f2, f0);
                recorder.Add(t, y, interpolant);
                needJacobian = true;
            }
            else
            {
                rejected++;
                lastRejected = true;
                h = Math.Abs(hs) * StepSizeControl.RejectFactor(errorNorm, 3, options.Safety, options.MinFactor);
            }
        }

        var statistics = new OdeStatistics(evaluations, accepted, rejected, jacobians, factorisations);
        return recorder.Finish(Name, t, y, statistics, status, f);
    }

    private static double[] Solve(LU<double> lu, int n, Func<int, double> rightHandSide) =>
        lu.Solve(Vector<double>.Build.Dense(n, rightHandSide)).ToArray();

    /// <summary>J (analytic or forward differences) and T = df/dt by a forward difference; returns the evaluations used.</summary>
    private static int EvaluateJacobian(OdeProblem problem, double t, double[] y, double[] f0, Matrix<double> jacobian, double[] dfdt)
    {
        var n = y.Length;
        var f = problem.Function;
        var shifted = new double[n];
        var cost = 0;
        var sqrtEps = Math.Sqrt(2.220446049250313e-16); // sqrt(machine epsilon)
        if (problem.Jacobian is { } analytic)
        {
            analytic(t, y, jacobian);
        }
        else
        {
            var yPlus = (double[])y.Clone();
            for (var j = 0; j < n; j++)
            {
                var delta = sqrtEps * Math.Max(Math.Abs(y[j]), 1e-5);
                yPlus[j] = y[j] + delta;
                f(t, yPlus, shifted);
                yPlus[j] = y[j];
                for (var i = 0; i < n; i++) jacobian[i, j] = (shifted[i] - f0[i]) / delta;
            }

            cost += n;
        }

        var dt = sqrtEps * Math.Max(Math.Abs(t), 1e-5);
        f(t + dt, y, shifted);
        for (var i = 0; i < n; i++) dfdt[i] = (shifted[i] - f0[i]) / dt;
        return cost + 1;
    }
}
