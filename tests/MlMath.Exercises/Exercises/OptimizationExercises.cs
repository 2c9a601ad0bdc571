namespace MlMath.Exercises;

/// <summary>
/// Exercises on optimization (docs/02-optimization.md). Replace each <c>throw new NotImplementedException</c> with
/// your code, then run <c>dotnet test tests/MlMath.Exercises -p:Learner=true --filter Optimization</c>.
/// Worked solutions are in <c>Solutions/OptimizationExercises.cs</c>: try first, then compare.
/// </summary>
public static class OptimizationExercises
{
    /// <summary>
    /// Exercise 2.1 (one heavy-ball step). With velocity v (zeros before the first step), gradient g, learning rate
    /// lr and momentum mu, update both arrays in place:
    /// <code>
    /// v &lt;- mu v + g
    /// theta &lt;- theta - lr v
    /// </code>
    /// (This is PyTorch's convention and the library's <c>Sgd</c> with momentum. Show on paper that it equals
    /// Polyak's form theta_{k+1} = theta_k - lr g_k + mu (theta_k - theta_{k-1}); a test checks it.)
    /// </summary>
    public static void HeavyBallStep(double[] theta, double[] velocity, double[] gradient, double learningRate, double momentum) =>
        throw new NotImplementedException("Exercise 2.1: v <- mu v + g, then theta <- theta - lr v, both in place.");

    /// <summary>
    /// Exercise 2.2 (Armijo backtracking). Given phi(alpha) = f(x + alpha p), phi(0) and phi'(0) &lt; 0, try
    /// alpha = initialStep, shrinkFactor * initialStep, shrinkFactor^2 * initialStep, ... and return the first alpha
    /// with phi(alpha) &lt;= phi(0) + c1 alpha phi'(0). A NaN phi(alpha) (the step left the domain) must count as
    /// "not enough decrease". Throw an <see cref="InvalidOperationException"/> after maxEvaluations rejected trials.
    /// </summary>
    public static double ArmijoBacktracking(Func<double, double> phi, double phi0, double derivative0, double initialStep,
        double c1 = 1e-4, double shrinkFactor = 0.5, int maxEvaluations = 50) =>
        throw new NotImplementedException("Exercise 2.2: shrink alpha until phi(alpha) <= phi(0) + c1 alpha phi'(0) (NaN is a rejection).");

    /// <summary>
    /// Exercise 2.3 (the L-BFGS two-loop recursion). Given the pairs s_i = x_{i+1} - x_i, y_i = g_{i+1} - g_i,
    /// oldest first (s[0] is the oldest, s[^1] the newest), and a vector g, return H g, where H is the BFGS
    /// inverse-Hessian approximation obtained by applying the BFGS update
    /// H &lt;- (I - rho s y') H (I - rho y s') + rho s s' (rho = 1 / y's) for each pair in turn, oldest first, to
    /// H_0 = gamma I with gamma = s'y / y'y of the newest pair (gamma = 1 when there are no pairs). Do it without
    /// forming any matrix:
    /// <code>
    /// q = g
    /// for i = newest .. oldest:   a_i = rho_i s_i'q;   q = q - a_i y_i
    /// r = gamma q
    /// for i = oldest .. newest:   b = rho_i y_i'r;   r = r + (a_i - b) s_i
    /// return r
    /// </code>
    /// The direction L-BFGS moves in is then p = -H g. Do not modify the inputs.
    /// </summary>
    public static double[] TwoLoopRecursion(IReadOnlyList<double[]> s, IReadOnlyList<double[]> y, double[] g) =>
        throw new NotImplementedException("Exercise 2.3: two loops over the pairs, newest first then oldest first, with H_0 = gamma I.");
}
