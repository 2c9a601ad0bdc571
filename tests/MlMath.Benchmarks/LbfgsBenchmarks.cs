using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;
using MlMath.Optimization;

namespace MlMath.Benchmarks;

/// <summary>
/// L-BFGS (m = 10, strong Wolfe c1 = 1e-4, c2 = 0.9) on the extended Rosenbrock function (Moré, Garbow &amp; Hillstrom
/// 1981, problem 21) from (-1.2, 1, -1.2, 1, ...), ours against MathNet.Numerics' LimitedMemoryBfgsMinimizer.
/// Targets (issue 4): no more evaluations than SciPy's L-BFGS-B (46 at n = 1000, 51 at n = 10000, stopping at
/// max|g| &lt;= 1e-8), at most 0.3 ms at n = 1000, fewer evaluations and less time than MathNet's.
/// </summary>
[MemoryDiagnoser]
public class LbfgsBenchmarks
{
    private DenseVector _x0 = null!;
    private readonly Lbfgs _ours6 = new(new StrongWolfeLineSearch(), options: new MinimizerOptions { GradientTolerance = 1e-6 });
    private readonly Lbfgs _ours8 = new(new StrongWolfeLineSearch(), options: new MinimizerOptions { GradientTolerance = 1e-8 });

    /// <summary>The dimension (even).</summary>
    [Params(1000, 10000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x0 = DenseVector.Create(N, i => i % 2 == 0 ? -1.2 : 1.0);
        // Print the work done once per configuration (BenchmarkDotNet shows only times): iterations, evaluations, final max|g|.
        foreach (var (name, result) in new[] { ("ours gtol 1e-6", _ours6.Minimize(new Rosenbrock(), _x0)), ("ours gtol 1e-8", _ours8.Minimize(new Rosenbrock(), _x0)) })
        {
            Console.WriteLine($"// COUNTS n={N} {name}: reason {result.Reason}, iterations {result.Iterations}, evaluations {result.FunctionEvaluations}, f {result.Value:E3}, max|g| {result.GradientNorm:E3}");
        }

        var counter = new Rosenbrock();
        var mathNet = RunMathNet(counter);
        var g = new DenseVector(N);
        new Rosenbrock().Evaluate(mathNet.MinimizingPoint, g);
        Console.WriteLine($"// COUNTS n={N} MathNet: reason {mathNet.ReasonForExit}, iterations {mathNet.Iterations}, evaluations {counter.Evaluations}, f {mathNet.FunctionInfoAtMinimum.Value:E3}, max|g| {g.AbsoluteMaximum():E3}");
    }

    /// <summary>Ours, stopping at max|g| &lt;= 1e-6.</summary>
    [Benchmark(Baseline = true)]
    public double OursGtol1e6() => _ours6.Minimize(new Rosenbrock(), _x0).Value;

    /// <summary>Ours, stopping at max|g| &lt;= 1e-8 (SciPy's published-here setting).</summary>
    [Benchmark]
    public double OursGtol1e8() => _ours8.Minimize(new Rosenbrock(), _x0).Value;

    /// <summary>MathNet.Numerics 5.0 LimitedMemoryBfgsMinimizer, gradient tolerance 1e-6, memory 10.</summary>
    [Benchmark]
    public double MathNetGtol1e6() => RunMathNet(new Rosenbrock()).FunctionInfoAtMinimum.Value;

    private MathNet.Numerics.Optimization.MinimizationResult RunMathNet(Rosenbrock objective)
    {
        var minimizer = new LimitedMemoryBfgsMinimizer(1e-6, 1e-15, 1e-15, 10, 10_000);
        Func<Vector<double>, (double, Vector<double>)> valueAndGradient = x =>
        {
            var gradient = new DenseVector(x.Count);
            return (objective.Evaluate(x, gradient), gradient);
        };
        var function = ObjectiveFunction.Gradient(valueAndGradient);
        return minimizer.FindMinimum(function, _x0);
    }

    /// <summary>f = sum over pairs of 100 (b - a^2)^2 + (1 - a)^2, value and gradient in one pass over the arrays.</summary>
    private sealed class Rosenbrock : IDifferentiableObjective
    {
        public int Evaluations { get; private set; }

        public double Evaluate(Vector<double> x, Vector<double> gradient)
        {
            Evaluations++;
            var xs = ((DenseVector)x).Values;
            var gs = ((DenseVector)gradient).Values;
            var f = 0.0;
            for (var i = 0; i + 1 < xs.Length; i += 2)
            {
                var (a, b) = (xs[i], xs[i + 1]);
                var t = b - a * a;
                var u = 1.0 - a;
                f += 100.0 * t * t + u * u;
                gs[i] = -400.0 * a * t - 2.0 * u;
                gs[i + 1] = 200.0 * t;
            }

            return f;
        }
    }
}
