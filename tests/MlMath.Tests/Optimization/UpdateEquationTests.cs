using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Tests.Optimization;

/// <summary>
/// Each optimizer for several steps on f(theta) = sum(c .* theta^2) / 2 (gradient c .* theta), against the
/// update equations of its paper written out independently here, one scalar coordinate at a time.
/// </summary>
public sealed class UpdateEquationTests
{
    private static readonly double[] Start = [1.0, -2.0, 0.5];
    private static readonly double[] Curvature = [1.0, 10.0, 0.1];

    /// <summary>Runs the optimizer for 5 steps and returns theta after each step.</summary>
    private static List<double[]> Run(Func<Parameter, StochasticOptimizer> make)
    {
        var theta = new Parameter(DenseMatrix.OfColumnArrays(Start), "theta");
        var c = Variable.Constant(DenseMatrix.OfColumnArrays(Curvature));
        var optimizer = make(theta);
        var trajectory = new List<double[]>();
        for (var step = 0; step < 5; step++)
        {
            optimizer.ZeroGrad();
            (theta.Square().PointwiseMultiply(c).Sum() * 0.5).Backward();
            optimizer.Step();
            trajectory.Add(theta.Value.Column(0).ToArray());
        }

        return trajectory;
    }

    private static void ShouldMatch(List<double[]> actual, Func<int, double, double, double>[] perCoordinate)
    {
        for (var k = 0; k < Start.Length; k++)
        {
            var rule = perCoordinate[k];
            var theta = Start[k];
            for (var t = 1; t <= actual.Count; t++)
            {
                theta = rule(t, theta, Curvature[k] * theta);
                actual[t - 1][k].Should().BeApproximately(theta, 1e-14, $"coordinate {k} step {t}");
            }
        }
    }

    private static Func<int, double, double, double>[] ForEachCoordinate(Func<Func<int, double, double, double>> factory) =>
        [factory(), factory(), factory()];

    [Fact]
    public void Adam_follows_Kingma_and_Ba_algorithm_1()
    {
        const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        ShouldMatch(Run(p => new Adam([p], lr, b1, b2, eps)), ForEachCoordinate(() =>
        {
            double m = 0, v = 0;
            return (t, theta, g) =>
            {
                m = b1 * m + (1 - b1) * g;
                v = b2 * v + (1 - b2) * g * g;
                return theta - lr * (m / (1 - Math.Pow(b1, t))) / (Math.Sqrt(v / (1 - Math.Pow(b2, t))) + eps);
            };
        }));
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.0)]
    [InlineData(false, 0.01)]
    public void Adam_on_a_large_layer_follows_the_same_equations_in_every_coordinate(bool amsgrad, double weightDecay)
    {
        // 20,001 weights: the vectorised loop (four at a time), the scalar tail, and the split across cores
        // (from 16,384 weights on) all run; each coordinate must follow algorithm 1 on its own.
        const double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        const int n = 20_001;
        var random = new Random(11);
        var start = Enumerable.Range(0, n).Select(_ => (4 * random.NextDouble()) - 2).ToArray();
        var curvature = Enumerable.Range(0, n).Select(_ => 0.1 + (10 * random.NextDouble())).ToArray();
        var theta = new Parameter(DenseMatrix.OfColumnArrays(start), "theta");
        var c = Variable.Constant(DenseMatrix.OfColumnArrays(curvature));
        var optimizer = new Adam([theta], lr, b1, b2, eps, weightDecay, amsgrad);

        var expected = (double[])start.Clone();
        var (m, v, vMax) = (new double[n], new double[n], new double[n]);
        for (var t = 1; t <= 4; t++)
        {
            optimizer.ZeroGrad();
            (theta.Square().PointwiseMultiply(c).Sum() * 0.5).Backward();
            optimizer.Step();
            for (var k = 0; k < n; k++)
            {
                var g = (curvature[k] * expected[k]) + (weightDecay * expected[k]);
                m[k] = (b1 * m[k]) + ((1 - b1) * g);
                v[k] = (b2 * v[k]) + ((1 - b2) * g * g);
                var vHat = v[k] / (1 - Math.Pow(b2, t));
                vMax[k] = Math.Max(vMax[k], vHat);
                expected[k] -= lr * (m[k] / (1 - Math.Pow(b1, t))) / (Math.Sqrt(amsgrad ? vMax[k] : vHat) + eps);
            }

            var actual = ((DenseMatrix)theta.Value).Values;
            for (var k = 0; k < n; k++) actual[k].Should().BeApproximately(expected[k], 1e-13, $"coordinate {k} step {t}");
        }
    }

    [Fact]
    public void AmsGrad_uses_the_running_maximum_of_v_hat()
    {
        const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        ShouldMatch(Run(p => new Adam([p], lr, b1, b2, eps, amsgrad: true)), ForEachCoordinate(() =>
        {
            double m = 0, v = 0, vMax = 0;
            return (t, theta, g) =>
            {
                m = b1 * m + (1 - b1) * g;
                v = b2 * v + (1 - b2) * g * g;
                vMax = Math.Max(vMax, v / (1 - Math.Pow(b2, t)));
                return theta - lr * (m / (1 - Math.Pow(b1, t))) / (Math.Sqrt(vMax) + eps);
            };
        }));
    }

    [Fact]
    public void AdamW_decays_weights_outside_the_adaptive_step()
    {
        const double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
        ShouldMatch(Run(p => new AdamW([p], lr, b1, b2, eps, wd)), ForEachCoordinate(() =>
        {
            double m = 0, v = 0;
            return (t, theta, g) =>
            {
                theta *= 1 - lr * wd;
                m = b1 * m + (1 - b1) * g;
                v = b2 * v + (1 - b2) * g * g;
                return theta - lr * (m / (1 - Math.Pow(b1, t))) / (Math.Sqrt(v / (1 - Math.Pow(b2, t))) + eps);
            };
        }));
    }

    [Fact]
    public void Adam_weight_decay_enters_through_the_gradient()
    {
        const double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
        ShouldMatch(Run(p => new Adam([p], lr, b1, b2, eps, wd)), ForEachCoordinate(() =>
        {
            double m = 0, v = 0;
            return (t, theta, g) =>
            {
                g += wd * theta;
                m = b1 * m + (1 - b1) * g;
                v = b2 * v + (1 - b2) * g * g;
                return theta - lr * (m / (1 - Math.Pow(b1, t))) / (Math.Sqrt(v / (1 - Math.Pow(b2, t))) + eps);
            };
        }));
    }

    [Fact]
    public void Sgd_with_momentum_dampening_and_weight_decay()
    {
        const double lr = 0.05, mu = 0.9, tau = 0.1, wd = 0.01;
        ShouldMatch(Run(p => new Sgd([p], lr, mu, tau, weightDecay: wd)), ForEachCoordinate(() =>
        {
            double? b = null;
            return (t, theta, g) =>
            {
                g += wd * theta;
                b = b is null ? g : mu * b.Value + (1 - tau) * g;
                return theta - lr * b.Value;
            };
        }));
    }

    [Fact]
    public void Centered_RmsProp_with_momentum()
    {
        const double lr = 0.01, alpha = 0.9, eps = 1e-8, mu = 0.5;
        ShouldMatch(Run(p => new RmsProp([p], lr, alpha, eps, mu, centered: true)), ForEachCoordinate(() =>
        {
            double v = 0, a = 0, b = 0;
            return (t, theta, g) =>
            {
                v = alpha * v + (1 - alpha) * g * g;
                a = alpha * a + (1 - alpha) * g;
                b = mu * b + g / (Math.Sqrt(v - a * a) + eps);
                return theta - lr * b;
            };
        }));
    }

    [Fact]
    public void Plain_RmsProp()
    {
        const double lr = 0.01, alpha = 0.99, eps = 1e-8;
        ShouldMatch(Run(p => new RmsProp([p], lr, alpha, eps)), ForEachCoordinate(() =>
        {
            double v = 0;
            return (t, theta, g) =>
            {
                v = alpha * v + (1 - alpha) * g * g;
                return theta - lr * g / (Math.Sqrt(v) + eps);
            };
        }));
    }

    [Fact]
    public void AdaGrad_accumulates_squared_gradients()
    {
        const double lr = 0.5, s0 = 0.1, eps = 1e-10;
        ShouldMatch(Run(p => new AdaGrad([p], lr, s0, eps)), ForEachCoordinate(() =>
        {
            var s = s0;
            return (t, theta, g) =>
            {
                s += g * g;
                return theta - lr * g / (Math.Sqrt(s) + eps);
            };
        }));
    }
}

/// <summary>Regression: centered RMSProp under a constant gradient, where v - a^2 rounds below zero.</summary>
public sealed class CenteredRmsPropRoundingTests
{
    [Fact]
    public void A_constant_gradient_never_produces_NaN()
    {
        // With alpha = 0.99 and g = 0.1 every step, v and a^2 converge to the same number; their difference
        // rounds to tiny negative values after a few thousand steps (found by simulating the recursion).
        var p = new Parameter(DenseMatrix.Create(1, 1, 0.0), "p");
        var optimizer = new RmsProp([p], learningRate: 1e-6, alpha: 0.99, centered: true);
        var c = Variable.Constant(DenseMatrix.Create(1, 1, 0.1));
        for (var step = 0; step < 5000; step++)
        {
            optimizer.ZeroGrad();
            p.PointwiseMultiply(c).Sum().Backward();
            optimizer.Step();
        }

        double.IsFinite(p.Item).Should().BeTrue();
    }
}
