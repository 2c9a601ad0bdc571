using MlMath.Autodiff;

namespace MlMath.Exercises;

/// <summary>Worked solutions of the chapter 1 exercises (same signatures as <c>Exercises/Chapter01.cs</c>).</summary>
public static class Chapter01
{
    /// <summary>Exercise 1.1: softmax(s) = softmax(s - m) for any constant m; with m = max s every exponent is &lt;= 0.</summary>
    public static double[] StableSoftmax(double[] scores)
    {
        var max = scores.Max();
        var exps = scores.Select(s => Math.Exp(s - max)).ToArray();
        var sum = exps.Sum(); // at least 1: the maximum contributes e^0
        return exps.Select(e => e / sum).ToArray();
    }

    /// <summary>Exercise 1.2: tanh with the backward rule g .* (1 - y^2), written with Variable ops.</summary>
    public static Variable TanhWithOwnBackward(Variable x)
    {
        Variable? y = null;
        y = Variable.Custom("MyTanh", x.Value.Map(Math.Tanh), [x],
            g => [g.PointwiseMultiply(1.0 - y!.Square())]);
        return y;
    }

    /// <summary>Exercise 1.3: one pair of evaluations per coordinate.</summary>
    public static double[] CentralDifferenceGradient(Func<double[], double> f, double[] x, double h)
    {
        var gradient = new double[x.Length];
        var shifted = (double[])x.Clone();
        for (var i = 0; i < x.Length; i++)
        {
            shifted[i] = x[i] + h;
            var plus = f(shifted);
            shifted[i] = x[i] - h;
            var minus = f(shifted);
            shifted[i] = x[i];
            gradient[i] = (plus - minus) / (2.0 * h);
        }

        return gradient;
    }

    /// <summary>Exercise 1.4: y = x s, dy/dx = s + x s (1 - s), with s = sigmoid(x) as a Variable.</summary>
    public static Variable Swish(Variable x)
    {
        var s = x.Sigmoid();
        var derivative = s + x.PointwiseMultiply(s).PointwiseMultiply(1.0 - s);
        return Variable.Custom("Swish", x.Value.PointwiseMultiply(s.Value), [x],
            g => [g.PointwiseMultiply(derivative)]);
    }
}
