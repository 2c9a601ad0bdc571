using System.Globalization;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// The exact solution of u_t + u u_x = nu u_xx, u(x, 0) = -sin(pi x), u(+-1, t) = 0 (the benchmark of Basdevant et al.,
/// <i>Computers &amp; Fluids</i> 14, 1986, and of Raissi, Perdikaris &amp; Karniadakis 2019) by the Cole-Hopf transformation
/// (Hopf 1950; Cole 1951). u = -2 nu phi_x / phi turns Burgers' equation into the heat equation phi_t = nu phi_xx, whose
/// solution is a convolution with the heat kernel; with phi(x, 0) = exp(-cos(pi x) / (2 pi nu)) this gives
/// u(x, t) = -int sin(pi (x - y)) phi0(x - y) exp(-y^2 / (4 nu t)) dy / int phi0(x - y) exp(-y^2 / (4 nu t)) dy.
/// </summary>
/// <remarks>
/// Both integrals are computed by the trapezoidal rule, which converges geometrically for smooth integrands that decay
/// like these, after subtracting the largest exponent (phi0 alone spans e^{+-1/(2 pi nu)}, e^{+-50} for nu = 0.01/pi).
/// The step resolves the narrower of the heat kernel, width sqrt(2 nu t), and the peak of phi0, width sqrt(2 nu / pi).
/// </remarks>
public static class BurgersExactSolution
{
    /// <summary>u(x, t) for the initial condition -sin(pi x).</summary>
    /// <exception cref="ArgumentOutOfRangeException">nu &lt;= 0 or t &lt; 0.</exception>
    public static double SineInitialCondition(double x, double t, double viscosity)
    {
        if (!(viscosity > 0)) throw new ArgumentOutOfRangeException(nameof(viscosity), viscosity, string.Create(CultureInfo.InvariantCulture, $"BurgersExactSolution: nu = {viscosity} must be > 0 (the Cole-Hopf transformation divides by it)."));
        if (!(t >= 0)) throw new ArgumentOutOfRangeException(nameof(t), t, "BurgersExactSolution: t must be >= 0.");
        if (t == 0) return -Math.Sin(Math.PI * x);

        var a = 1 / (2 * Math.PI * viscosity);
        var kernel = 4 * viscosity * t;
        var width = Math.Min(Math.Sqrt(2 * viscosity * t), Math.Sqrt(2 * viscosity / Math.PI));
        // Beyond |y| = R the Gaussian factor is below e^{-(2a + 40)}, which no variation of phi0 (at most e^{2a}) can undo.
        var range = Math.Sqrt(kernel * (2 * a + 40));
        var h = width / 10;
        var count = (int)Math.Ceiling(range / h);
        h = range / count;
        double Exponent(double y) => -a * Math.Cos(Math.PI * (x - y)) - y * y / kernel;
        var max = double.NegativeInfinity;
        for (var k = -count; k <= count; k++) max = Math.Max(max, Exponent(k * h));
        var (numerator, denominator) = (0.0, 0.0);
        for (var k = -count; k <= count; k++)
        {
            var y = k * h;
            var w = Math.Exp(Exponent(y) - max) * (Math.Abs(k) == count ? 0.5 : 1.0);
            numerator += Math.Sin(Math.PI * (x - y)) * w;
            denominator += w;
        }

        return -numerator / denominator;
    }
}
