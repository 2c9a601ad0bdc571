using MlMath.Autodiff;

namespace MlMath.Exercises;

/// <summary>
/// Chapter 1 exercises: linear algebra and automatic differentiation. Replace each
/// <c>throw new NotImplementedException</c> with your code, then run
/// <c>dotnet test tests/MlMath.Exercises -p:Learner=true --filter Chapter01</c>.
/// Worked solutions are in <c>Solutions/Chapter01.cs</c>: try first, then compare.
/// </summary>
public static class Chapter01
{
    /// <summary>
    /// Exercise 1.1 (stable softmax). Return softmax(scores)_i = e^{s_i} / sum_j e^{s_j}. The tests include
    /// scores like 1000 and -1000, where e^s overflows to infinity or underflows to 0: subtract the largest
    /// score first (why does that not change the answer?).
    /// </summary>
    public static double[] StableSoftmax(double[] scores) =>
        throw new NotImplementedException("Exercise 1.1: stable softmax (subtract the maximum before exponentiating).");

    /// <summary>
    /// Exercise 1.2 (the backward rule of tanh). Build y = tanh(x) as your own op with
    /// <see cref="Variable.Custom"/>: the forward value is Math.Tanh of every entry of x.Value, and the
    /// backward rule maps g = dL/dy to dL/dx = g .* (1 - y^2). Write the rule with Variable operations, so
    /// that the second derivative works too.
    /// </summary>
    public static Variable TanhWithOwnBackward(Variable x) =>
        throw new NotImplementedException("Exercise 1.2: tanh as a custom op with backward g .* (1 - y^2).");

    /// <summary>
    /// Exercise 1.3 (finite differences). Return the central-difference gradient
    /// df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h). Its error is O(h^2) from truncation plus
    /// O(eps / h) from rounding; the tests use h = 1e-5.
    /// </summary>
    public static double[] CentralDifferenceGradient(Func<double[], double> f, double[] x, double h) =>
        throw new NotImplementedException("Exercise 1.3: central differences (f(x + h e_i) - f(x - h e_i)) / 2h.");

    /// <summary>
    /// Exercise 1.4 (your own op, checked). Swish (Ramachandran et al., 2017) is y = x * sigmoid(x). Implement
    /// it as a custom op with a hand-derived backward rule (dy/dx = s + x s (1 - s) with s = sigmoid(x));
    /// the tests check it with <c>MlMath.LinearAlgebra.GradientCheck</c> against finite differences.
    /// </summary>
    public static Variable Swish(Variable x) =>
        throw new NotImplementedException("Exercise 1.4: swish x * sigmoid(x) as a custom op with its derivative s + x s (1 - s).");
}
