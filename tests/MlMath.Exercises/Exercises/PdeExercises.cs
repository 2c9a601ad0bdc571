namespace MlMath.Exercises;

/// <summary>
/// Exercises on PDEs and physics-informed learning (docs/05b-pdes-and-physics-informed-learning.md). Run
/// <c>dotnet test tests/MlMath.Exercises -p:Learner=true --filter Pde</c>.
/// </summary>
public static class PdeExercises
{
    /// <summary>
    /// Exercise 5b.1 (von Neumann stability of FTCS). Substitute u_j^n = G^n e^{i k j dx} into
    /// u_j^{n+1} = u_j^n + r (u_{j-1}^n - 2 u_j^n + u_{j+1}^n) and return the amplification factor G for the mesh ratio
    /// r = alpha dt / dx^2 and the phase theta = k dx. Then show on paper that max over theta of |G| &lt;= 1 iff r &lt;= 1/2.
    /// </summary>
    public static double FtcsAmplificationFactor(double r, double theta) =>
        throw new NotImplementedException("Exercise 5b.1: e^{i theta} + e^{-i theta} - 2 = -4 sin^2(theta / 2).");

    /// <summary>
    /// Exercise 5b.2 (the Thomas algorithm). Solve a_i x_{i-1} + b_i x_i + c_i x_{i+1} = d_i (a_0 and c_{n-1} unused) in
    /// O(n) by a forward sweep that eliminates a_i and a back substitution. No pivoting: assume diagonal dominance.
    /// </summary>
    public static double[] SolveTridiagonal(double[] a, double[] b, double[] c, double[] d) =>
        throw new NotImplementedException("Exercise 5b.2: c'_i = c_i / (b_i - a_i c'_{i-1}), d'_i = (d_i - a_i d'_{i-1}) / (b_i - a_i c'_{i-1}), then back substitute.");

    /// <summary>
    /// Exercise 5b.3 (a Black-Scholes Greek). Return the vega dC/d sigma of a European call with spot S, strike K, rate r,
    /// volatility sigma and maturity T (no dividends). Differentiate C = S N(d1) - K e^{-rT} N(d2) and use the identity
    /// S phi(d1) = K e^{-rT} phi(d2), which makes the terms from dd1/dsigma and dd2/dsigma collapse.
    /// </summary>
    public static double CallVega(double spot, double strike, double rate, double volatility, double maturity) =>
        throw new NotImplementedException("Exercise 5b.3: vega = S phi(d1) sqrt(T).");
}
