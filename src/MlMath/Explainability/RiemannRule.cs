namespace MlMath.Explainability;

/// <summary>
/// How <see cref="IntegratedGradients"/> approximates the path integral
/// <c>int_0^1 g(alpha) d alpha</c> with m intervals of width 1/m.
/// </summary>
/// <remarks>
/// Left, right and midpoint sums use m gradient evaluations, the trapezoid rule m + 1. For a smooth
/// integrand the left and right sums have error O(1/m), midpoint and trapezoid O(1/m^2) (any numerical
/// analysis text, e.g. Burden &amp; Faires, Numerical Analysis, sec. 4.3-4.4); Sundararajan et al. (2017, sec. 5)
/// used the right sum with 20 to 300 steps.
/// </remarks>
public enum RiemannRule
{
    /// <summary>alpha_k = k/m for k = 0 .. m-1, each with weight 1/m.</summary>
    Left,

    /// <summary>alpha_k = k/m for k = 1 .. m, each with weight 1/m.</summary>
    Right,

    /// <summary>alpha_k = (k + 1/2)/m for k = 0 .. m-1, each with weight 1/m.</summary>
    Midpoint,

    /// <summary>alpha_k = k/m for k = 0 .. m with weights 1/(2m) at the two ends and 1/m inside.</summary>
    Trapezoid,
}
