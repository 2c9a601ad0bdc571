using MathNet.Numerics.LinearAlgebra;
using MlMath.NeuralNetworks;

namespace MlMath.Exercises;

/// <summary>Worked solutions of exercises 6.1 to 6.3.</summary>
public static class ExplainabilityExercises
{
    /// <summary>
    /// Exercise 6.1: for f = w . x + b the gradient is w at every point, so the average is w and IG = w .* (x - x').
    /// For f = x_1 x_2 the gradient along the path is alpha (x_2, x_1), linear in alpha, and the midpoint rule
    /// integrates linear functions exactly: int_0^1 alpha d alpha = 1/2 = the value at alpha = 1/2.
    /// </summary>
    public static Vector<double> IntegratedGradients(Func<Vector<double>, Vector<double>> gradient, Vector<double> x,
        Vector<double> baseline, int steps)
    {
        var difference = x - baseline;
        var sum = Vector<double>.Build.Dense(x.Count);
        for (var k = 0; k < steps; k++) sum += gradient(baseline + ((k + 0.5) / steps * difference));
        return difference.PointwiseMultiply(sum / steps);
    }

    /// <summary>
    /// Exercise 6.2: the weight |S|! (n - |S| - 1)! / n! is the probability that, in a uniformly random order of the
    /// players, exactly the members of S come before j; it equals 1 / (n C(n - 1, |S|)).
    /// </summary>
    public static double[] ShapleyValues(Func<int, double> value, int players)
    {
        var v = new double[1 << players];
        for (var s = 0; s < v.Length; s++) v[s] = value(s);
        var phi = new double[players];
        for (var j = 0; j < players; j++)
        {
            for (var s = 0; s < v.Length; s++)
            {
                if ((s & (1 << j)) != 0) continue;
                var size = System.Numerics.BitOperations.PopCount((uint)s);
                phi[j] += Factorial(size) * Factorial(players - size - 1) / Factorial(players) * (v[s | (1 << j)] - v[s]);
            }
        }

        return phi;
    }

    /// <summary>
    /// Exercise 6.3: a frozen parameter has RequiresGrad false, so no gradient reaches it, and the optimizers skip
    /// frozen parameters outright: weight decay or a momentum buffer would otherwise still change them.
    /// </summary>
    public static Sequential NewHeadOnFrozenBody(Sequential pretrained, int classes, Random random)
    {
        var last = pretrained.Count - 1;
        var head = (Linear)pretrained.Layers[last];
        pretrained.Replace(last, new Linear(head.InFeatures, classes, random));
        for (var i = 0; i < last; i++) pretrained.Layers[i].Freeze();
        return pretrained;
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
