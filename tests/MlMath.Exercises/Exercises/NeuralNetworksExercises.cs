using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Exercises;

/// <summary>
/// Exercises on modules, losses and initialisation (docs/01b-neural-networks-and-data.md). Run
/// <c>dotnet test tests/MlMath.Exercises -p:Learner=true --filter NeuralNetworks</c>.
/// </summary>
public static class NeuralNetworksExercises
{
    /// <summary>
    /// Exercise 1.5 (the gradient of softmax cross-entropy). For logits Z (n x k) and integer labels y, the loss is
    /// L = -1/n sum_i ln softmax(Z_i)_{y_i}. Derive and return dL/dZ without the autodiff engine. (Hint: the
    /// answer is remarkably simple: (softmax(Z) - onehot(y)) / n. Show why on paper first.)
    /// </summary>
    public static Matrix<double> SoftmaxCrossEntropyGradient(Matrix<double> logits, int[] labels) =>
        throw new NotImplementedException("Exercise 1.5: dL/dZ = (softmax(Z) - onehot(y)) / n.");

    /// <summary>
    /// Exercise 1.6 (Xavier's variance). Return the bound a of the uniform distribution U(-a, a) whose variance is
    /// 2 / (fanIn + fanOut), the Glorot-Bengio compromise between forward and backward variance preservation.
    /// (The variance of U(-a, a) is a^2 / 3.)
    /// </summary>
    public static double GlorotUniformBound(int fanIn, int fanOut) =>
        throw new NotImplementedException("Exercise 1.6: solve a^2 / 3 = 2 / (fanIn + fanOut) for a.");
}
