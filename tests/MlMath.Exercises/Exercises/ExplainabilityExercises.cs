using MathNet.Numerics.LinearAlgebra;
using MlMath.NeuralNetworks;

namespace MlMath.Exercises;

/// <summary>
/// Exercises on explainability and transfer learning (docs/06-explainability-and-transfer.md). Run
/// <c>dotnet test tests/MlMath.Exercises -p:Learner=true --filter Explainability</c>.
/// </summary>
public static class ExplainabilityExercises
{
    /// <summary>
    /// Exercise 6.1 (integrated gradients by hand). Given the gradient of a model, grad f(x), return
    /// IG_j = (x_j - x'_j) (1/m) sum_{k=0}^{m-1} d f(x' + alpha_k (x - x')) / d x_j with the midpoint nodes
    /// alpha_k = (k + 1/2) / m. Then show on paper that for a linear model f(x) = w . x + b the result is
    /// w_j (x_j - x'_j) for every m, and that for f(x) = x_1 x_2 with baseline 0 one step already gives
    /// (x_1 x_2 / 2, x_1 x_2 / 2): why is the midpoint rule exact there?
    /// </summary>
    public static Vector<double> IntegratedGradients(Func<Vector<double>, Vector<double>> gradient, Vector<double> x,
        Vector<double> baseline, int steps) =>
        throw new NotImplementedException("Exercise 6.1: average the gradient at the midpoints of the path, then multiply by x - baseline.");

    /// <summary>
    /// Exercise 6.2 (Shapley values of a game). The players are 0 .. n-1 and a coalition is a bit mask (bit j set:
    /// player j is in). Return phi_j = sum over coalitions S without j of |S|! (n - |S| - 1)! / n! (v(S u {j}) - v(S)).
    /// Check by hand on the 3-player game v(S) = max_{j in S} x_j with x = (1, 2, 3), v(empty) = 0, by averaging
    /// the marginal contributions over the 6 orderings: phi = (1/3, 5/6, 11/6).
    /// </summary>
    public static double[] ShapleyValues(Func<int, double> value, int players) =>
        throw new NotImplementedException("Exercise 6.2: loop over all 2^n coalitions; add each player's weighted marginal contribution.");

    /// <summary>
    /// Exercise 6.3 (freezing). <paramref name="pretrained"/> is a <see cref="Sequential"/> whose last layer is a
    /// <see cref="Linear"/> head. Replace that head by a new <c>Linear(inFeatures, classes, random)</c> (use
    /// <see cref="Sequential.Replace"/>), freeze every other layer, and return the model. After training with any
    /// optimizer over <c>model.Parameters()</c>, the body must be bit-identical: why do optimizers skip frozen
    /// parameters even when weight decay or momentum would move them?
    /// </summary>
    public static Sequential NewHeadOnFrozenBody(Sequential pretrained, int classes, Random random) =>
        throw new NotImplementedException("Exercise 6.3: Replace the last layer, then Freeze() every layer before it.");
}
