using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.OdeSolvers;
using MlMath.Autodiff;
using MlMath.DifferentialEquations;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Benchmarks;

/// <summary>
/// Issue 8's performance targets. Lotka-Volterra (a = 1.5, b = 1, c = 3, d = 1, y0 = (1, 1), t in [0, 10]):
/// 1000 RK4 steps, ours (allocation-free <see cref="ExplicitRungeKutta.Step"/>) against MathNet's
/// RungeKutta.FourthOrder (0.6-1 us per step here per the issue); Dormand-Prince 5(4) and Tsitouras 5(4) solves at
/// rtol = atol = 1e-3, 1e-6, 1e-10 (SciPy's RK45 at 1e-6: 620 evaluations, 3.75 ms, error 2.0e-5); the Arenstorf
/// orbit over one period; and one training iteration of the spiral neural ODE (batch 20 x 10 points, RK4, RMSProp;
/// PyTorch 3.9 ms here, target 0.4 ms).
/// </summary>
[MemoryDiagnoser]
public class OdeBenchmarks
{
    private const int Steps = 1000;
    private readonly ExplicitRungeKutta _rk4 = new(ButcherTableau.RungeKutta4);
    private readonly RungeKuttaWorkspace _workspace = new(ButcherTableau.RungeKutta4, 2);
    private readonly double[] _y = [1.0, 1.0];
    private readonly double[] _yNew = new double[2];
    private OdeProblem _vanDerPol = null!;
    private NeuralOde _spiral = null!;
    private RmsProp _rmsProp = null!;
    private Variable _spiralY0 = null!;
    private Variable _spiralTargets = null!;
    private double[] _spiralTimes = null!;

    internal static void LotkaVolterra(double t, ReadOnlySpan<double> y, Span<double> dy)
    {
        dy[0] = 1.5 * y[0] - y[0] * y[1];
        dy[1] = -3 * y[1] + y[0] * y[1];
    }

    [GlobalSetup]
    public void Setup()
    {
        const double mu = 1000;
        _vanDerPol = new OdeProblem((t, y, dy) =>
        {
            dy[0] = y[1];
            dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
        }, DenseVector.OfArray([2.0, 0.0]), 0, 3000, (t, y, j) =>
        {
            j[0, 0] = 0;
            j[0, 1] = 1;
            j[1, 0] = -2 * mu * y[0] * y[1] - 1;
            j[1, 1] = mu * (1 - y[0] * y[0]);
        });
        var random = new Random(0);
        _spiral = new NeuralOde(new CubedStateDynamics(Mlp.Create([2, 50, 2], ActivationKind.Tanh, random)), ButcherTableau.RungeKutta4, new OdeSolverOptions { FixedStep = 25.0 / 999 });
        _rmsProp = new RmsProp(_spiral.Parameters(), learningRate: 1e-3);
        _spiralY0 = Variable.Constant(DenseMatrix.Create(20, 2, (_, _) => 4 * random.NextDouble() - 2));
        // The targets of points 1..9 stacked (180 x 2), drawn point by point as before.
        var targets = Enumerable.Range(0, 10).Select(_ => DenseMatrix.Create(20, 2, (_, _) => 4 * random.NextDouble() - 2)).ToArray();
        _spiralTargets = Variable.Constant(DenseMatrix.Create(180, 2, (i, j) => targets[1 + i / 20][i % 20, j]));
        _spiralTimes = [.. Enumerable.Range(0, 10).Select(i => i * 25.0 / 999)];
    }

    /// <summary>1000 classic RK4 steps, h = 0.01, allocation-free (per-step time = mean / 1000).</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double Rk4StepsOurs()
    {
        _y[0] = 1.0;
        _y[1] = 1.0;
        for (var i = 0; i < Steps; i++)
        {
            _rk4.Step(LotkaVolterra, i * 0.01, _y, 0.01, _yNew, _workspace);
            _yNew.CopyTo(_y, 0);
        }

        return _y[0];
    }

    /// <summary>
    /// The reference point of the issue ("an allocation-free RK4 over double[]"): RK4 written out by hand for n = 2,
    /// same right-hand side delegate, no tableau. The difference to <see cref="Rk4StepsOurs"/> is the price of
    /// driving every method from one tableau-generic stepper.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double Rk4StepsHandWritten()
    {
        OdeFunction f = LotkaVolterra;
        Span<double> y = [1.0, 1.0];
        Span<double> k1 = stackalloc double[2], k2 = stackalloc double[2], k3 = stackalloc double[2], k4 = stackalloc double[2], s = stackalloc double[2];
        const double h = 0.01;
        for (var i = 0; i < Steps; i++)
        {
            var t = i * h;
            f(t, y, k1);
            for (var j = 0; j < 2; j++) s[j] = y[j] + h / 2 * k1[j];
            f(t + h / 2, s, k2);
            for (var j = 0; j < 2; j++) s[j] = y[j] + h / 2 * k2[j];
            f(t + h / 2, s, k3);
            for (var j = 0; j < 2; j++) s[j] = y[j] + h * k3[j];
            f(t + h, s, k4);
            for (var j = 0; j < 2; j++) y[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
        }

        return y[0];
    }

    /// <summary>Rosenbrock23 on Van der Pol, mu = 1000, t in [0, 3000], rtol = atol = 1e-6 (analytic Jacobian).</summary>
    [Benchmark]
    public double Rosenbrock23VanDerPol() => new Rosenbrock23().Solve(_vanDerPol, new OdeSolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-6, StoreSteps = false }).FinalTime;

    /// <summary>MathNet.Numerics 5.0 RungeKutta.FourthOrder over the same 1000 steps.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double Rk4StepsMathNet()
    {
        var result = RungeKutta.FourthOrder(DenseVector.OfArray([1.0, 1.0]), 0, Steps * 0.01, Steps + 1,
            (t, y) => DenseVector.OfArray([1.5 * y[0] - y[0] * y[1], -3 * y[1] + y[0] * y[1]]));
        return result[^1][0];
    }

    /// <summary>
    /// One spiral neural-ODE training iteration: 9 RK4 steps on a 20 x 2 batch, loss = sum over the 9 predicted
    /// points of mean |predicted - target| (computed on the stacked points: sum of all |errors| / 40), backward,
    /// RMSProp.
    /// </summary>
    [Benchmark]
    public double SpiralTrainingIteration()
    {
        _rmsProp.ZeroGrad();
        var predicted = _spiral.Trajectory(_spiralY0, _spiralTimes);
        var loss = (Variable.ConcatRows([.. predicted.Skip(1)]) - _spiralTargets).Abs().Sum().MultiplyScalar(1.0 / 40);
        loss.Backward();
        _rmsProp.Step();
        return loss.Item;
    }
}

/// <summary>
/// Work-precision of the adaptive pairs: Dormand-Prince 5(4) and Tsitouras 5(4) on Lotka-Volterra (t in [0, 10]) and
/// one period of the Arenstorf orbit, at rtol = atol = 1e-3, 1e-6, 1e-10 (evaluations and errors: the sample's
/// table, printed here as COUNTS lines).
/// </summary>
[MemoryDiagnoser]
public class OdeWorkPrecisionBenchmarks
{
    private OdeProblem _lotkaVolterra = null!;
    private OdeProblem _arenstorf = null!;

    /// <summary>rtol = atol of the adaptive solves.</summary>
    [Params(1e-3, 1e-6, 1e-10)]
    public double Tolerance { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _lotkaVolterra = new OdeProblem(OdeBenchmarks.LotkaVolterra, DenseVector.OfArray([1.0, 1.0]), 0, 10);
        const double mu = 0.012277471, muPrime = 1 - mu;
        _arenstorf = new OdeProblem((t, y, dy) =>
        {
            var d1 = Math.Pow((y[0] + mu) * (y[0] + mu) + y[1] * y[1], 1.5);
            var d2 = Math.Pow((y[0] - muPrime) * (y[0] - muPrime) + y[1] * y[1], 1.5);
            dy[0] = y[2];
            dy[1] = y[3];
            dy[2] = y[0] + 2 * y[3] - muPrime * (y[0] + mu) / d1 - mu * (y[0] - muPrime) / d2;
            dy[3] = y[1] - 2 * y[2] - muPrime * y[1] / d1 - mu * y[1] / d2;
        }, DenseVector.OfArray([0.994, 0, 0, -2.00158510637908252240537862224]), 0, 17.0652165601579625588917206249);

        foreach (var tableau in new[] { ButcherTableau.DormandPrince54, ButcherTableau.Tsitouras54 })
        {
            var s = new ExplicitRungeKutta(tableau).Solve(_lotkaVolterra, Options());
            Console.WriteLine($"// COUNTS {tableau.Name} Lotka-Volterra tol {Tolerance:E0}: {s.Statistics}");
        }
    }

    private OdeSolverOptions Options() => new() { RelativeTolerance = Tolerance, AbsoluteTolerance = Tolerance, StoreSteps = false };

    /// <summary>Dormand-Prince 5(4) on Lotka-Volterra, t in [0, 10], steps not stored.</summary>
    [Benchmark]
    public double DormandPrinceLotkaVolterra() => new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(_lotkaVolterra, Options()).FinalTime;

    /// <summary>Dormand-Prince 5(4) on Lotka-Volterra with every step and its interpolant stored (dense output).</summary>
    [Benchmark]
    public double DormandPrinceLotkaVolterraDense() =>
        new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(_lotkaVolterra, Options() with { StoreSteps = true }).FinalTime;

    /// <summary>Tsitouras 5(4) on Lotka-Volterra, steps not stored.</summary>
    [Benchmark]
    public double TsitourasLotkaVolterra() => new ExplicitRungeKutta(ButcherTableau.Tsitouras54).Solve(_lotkaVolterra, Options()).FinalTime;

    /// <summary>Dormand-Prince 5(4) on one period of the Arenstorf orbit.</summary>
    [Benchmark]
    public double DormandPrinceArenstorf() => new ExplicitRungeKutta(ButcherTableau.DormandPrince54).Solve(_arenstorf, Options()).FinalTime;

    /// <summary>Tsitouras 5(4) on one period of the Arenstorf orbit.</summary>
    [Benchmark]
    public double TsitourasArenstorf() => new ExplicitRungeKutta(ButcherTableau.Tsitouras54).Solve(_arenstorf, Options()).FinalTime;
}
