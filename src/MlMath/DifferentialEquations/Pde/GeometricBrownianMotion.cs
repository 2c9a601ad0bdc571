using System.Globalization;
using MlMath.Data;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// Geometric Brownian motion dS = mu S dt + sigma S dW, the Black-Scholes stock model. By Ito's lemma
/// d(ln S) = (mu - sigma^2/2) dt + sigma dW, so S_t = S_0 exp((mu - sigma^2/2) t + sigma W_t) exactly, and
/// E[S_t] = S_0 e^{mu t} (Glasserman 2003, section 3.2.1).
/// </summary>
public sealed record GeometricBrownianMotion
{
    /// <summary>Creates the process.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mu is not finite, or sigma is not finite and &gt;= 0.</exception>
    public GeometricBrownianMotion(double drift, double volatility)
    {
        if (!double.IsFinite(drift)) throw new ArgumentOutOfRangeException(nameof(drift), drift, "GeometricBrownianMotion: the drift mu must be finite.");
        if (!(volatility >= 0) || !double.IsFinite(volatility))
        {
            throw new ArgumentOutOfRangeException(nameof(volatility), volatility, string.Create(CultureInfo.InvariantCulture, $"GeometricBrownianMotion: the volatility sigma = {volatility} must be finite and >= 0."));
        }

        (Drift, Volatility) = (drift, volatility);
    }

    /// <summary>mu.</summary>
    public double Drift { get; }

    /// <summary>sigma.</summary>
    public double Volatility { get; }

    /// <summary>Advances S by one step dt with the standard normal draw <paramref name="z"/> (see <see cref="SdeScheme"/>).</summary>
    public double Step(double s, double dt, double z, SdeScheme scheme) => scheme == SdeScheme.Exact
        ? s * Math.Exp((Drift - 0.5 * Volatility * Volatility) * dt + Volatility * Math.Sqrt(dt) * z)
        : s * (1 + Drift * dt + Volatility * Math.Sqrt(dt) * z);

    /// <summary>
    /// Simulates one path S_0, S_{dt}, ..., S_T on <paramref name="steps"/> equal steps, drawing the normals from
    /// <paramref name="random"/> (Box-Muller).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">S0 or the horizon is not finite and positive, or steps &lt; 1.</exception>
    public double[] SimulatePath(double initialValue, double horizon, int steps, Random random, SdeScheme scheme = SdeScheme.Exact)
    {
        ArgumentNullException.ThrowIfNull(random);
        Check(initialValue, horizon, steps);
        var z = new double[steps];
        Gaussian.Fill(random, z);
        return Path(initialValue, horizon, z, scheme);
    }

    /// <summary>The path driven by the given normals z_1..z_n (one per step); -z gives the antithetic path.</summary>
    /// <exception cref="ArgumentOutOfRangeException">S0 or the horizon is not finite and positive, or z is empty.</exception>
    public double[] Path(double initialValue, double horizon, ReadOnlySpan<double> normals, SdeScheme scheme = SdeScheme.Exact)
    {
        Check(initialValue, horizon, normals.Length);
        var dt = horizon / normals.Length;
        var path = new double[normals.Length + 1];
        path[0] = initialValue;
        for (var n = 0; n < normals.Length; n++) path[n + 1] = Step(path[n], dt, normals[n], scheme);
        return path;
    }

    private static void Check(double initialValue, double horizon, int steps)
    {
        if (!(initialValue > 0) || !double.IsFinite(initialValue)) throw new ArgumentOutOfRangeException(nameof(initialValue), initialValue, "GeometricBrownianMotion: S0 must be finite and > 0.");
        if (!(horizon > 0) || !double.IsFinite(horizon)) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "GeometricBrownianMotion: the horizon T must be finite and > 0.");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "GeometricBrownianMotion: at least one step is needed.");
    }
}
