namespace MlMath.DifferentialEquations.Pde;

/// <summary>How collocation points are drawn from a <see cref="SpaceTimeDomain"/>.</summary>
public enum CollocationSampling
{
    /// <summary>Independent uniform points: simple, but they clump and leave gaps (the discrepancy is O(n^{-1/2})).</summary>
    Uniform,

    /// <summary>
    /// Latin hypercube sampling (McKay, Beckman &amp; Conover, <i>Technometrics</i> 21, 1979): every coordinate's n strata
    /// [k/n, (k+1)/n) hold exactly one point, so each one-dimensional projection is evenly spread. This is the sampler of
    /// Raissi, Perdikaris &amp; Karniadakis (2019).
    /// </summary>
    LatinHypercube,
}
