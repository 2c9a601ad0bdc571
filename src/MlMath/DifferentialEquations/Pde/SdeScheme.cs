namespace MlMath.DifferentialEquations.Pde;

/// <summary>How a path of geometric Brownian motion advances by one step dt (Glasserman, <i>Monte Carlo Methods in
/// Financial Engineering</i>, 2003, sections 3.2 and 6.1).</summary>
public enum SdeScheme
{
    /// <summary>The exact transition S_{n+1} = S_n exp((mu - sigma^2/2) dt + sigma sqrt(dt) Z), Z ~ N(0, 1): no bias at any dt.</summary>
    Exact,

    /// <summary>Euler-Maruyama S_{n+1} = S_n (1 + mu dt + sigma sqrt(dt) Z): weak order 1 (a bias O(dt) in expectations), strong order 1/2.</summary>
    EulerMaruyama,
}
