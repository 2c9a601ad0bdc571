using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Exercises;

/// <summary>
/// Exercises on regularization (docs/03-regularization.md). Run
/// <c>dotnet test tests/MlMath.Exercises -p:Learner=true --filter Regularization</c>.
/// </summary>
public static class RegularizationExercises
{
    /// <summary>
    /// Exercise 3.1 (inverted dropout). Return y with y_ij = 0 with probability p and x_ij / (1 - p) otherwise,
    /// drawing one <c>random.NextDouble()</c> per entry (zero the entry when the draw is below p). Then show on paper
    /// that E[y_ij] = x_ij: why is the factor 1/(1 - p) needed, and what would test-time predictions look like
    /// without it?
    /// </summary>
    public static Matrix<double> InvertedDropout(Matrix<double> x, double p, Random random) =>
        throw new NotImplementedException("Exercise 3.1: keep each entry with probability 1 - p and scale it by 1/(1 - p).");

    /// <summary>
    /// Exercise 3.2 (the noise dropout adds). For a single input x and drop probability p, return Var(y) where
    /// y = x / (1 - p) with probability 1 - p and y = 0 otherwise. (Use Var(y) = E[y^2] - E[y]^2.)
    /// </summary>
    public static double DropoutVariance(double x, double p) =>
        throw new NotImplementedException("Exercise 3.2: Var(y) = E[y^2] - E[y]^2 for the two outcomes of y.");

    /// <summary>
    /// Exercise 3.3 (the batch-norm backward pass). For a training batch x (N x D), scale gamma (1 x D), epsilon and
    /// the upstream gradient dy = dL/dy of y = gamma .* xhat + beta, with xhat = (x - mu) / sqrt(var + eps) and mu,
    /// var the per-column batch mean and biased variance, return dL/dx, dL/dgamma and dL/dbeta, without the
    /// autodiff engine. Remember that mu and var depend on every row of x.
    /// (Hint: dx = (1/N) gamma / sigma (N dy - sum_i dy - xhat sum_i (dy .* xhat)) per column.)
    /// </summary>
    public static (Matrix<double> Input, Matrix<double> Scale, Matrix<double> Shift) BatchNormBackward(
        Matrix<double> x, Matrix<double> gamma, Matrix<double> dy, double epsilon) =>
        throw new NotImplementedException("Exercise 3.3: derive d xhat / d x through the mean and the variance, then apply the chain rule.");

    /// <summary>
    /// Exercise 3.4 (early stopping). Given the validation loss after each epoch (epoch 1 first), a patience and a
    /// minimum improvement minDelta, return the epoch after which training stops (patience epochs in a row
    /// without a loss below best - minDelta; losses.Count if that never happens) and the best epoch (the last
    /// one that improved, whose parameters early stopping restores). A NaN loss is never an improvement.
    /// </summary>
    public static (int StopEpoch, int BestEpoch) EarlyStoppingEpochs(IReadOnlyList<double> losses, int patience, double minDelta) =>
        throw new NotImplementedException("Exercise 3.4: track the best loss and the epochs since it improved.");
}
