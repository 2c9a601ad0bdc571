namespace MlMath.Exercises;

/// <summary>Worked solutions of exercises 5b.1 to 5b.3 (docs/05b-pdes-and-physics-informed-learning.md).</summary>
public static class PdeExercises
{
    /// <summary>
    /// Exercise 5b.1. G = 1 + r (e^{-i theta} - 2 + e^{i theta}) = 1 - 4 r sin^2(theta / 2), real; it is smallest at
    /// theta = pi, where G = 1 - 4 r, and |1 - 4 r| &lt;= 1 iff r &lt;= 1/2.
    /// </summary>
    public static double FtcsAmplificationFactor(double r, double theta)
    {
        var s = Math.Sin(theta / 2);
        return 1 - 4 * r * s * s;
    }

    /// <summary>Exercise 5b.2: the forward sweep and the back substitution.</summary>
    public static double[] SolveTridiagonal(double[] a, double[] b, double[] c, double[] d)
    {
        var n = b.Length;
        var (cp, dp, x) = (new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var m = i == 0 ? b[0] : b[i] - a[i] * cp[i - 1];
            cp[i] = i + 1 < n ? c[i] / m : 0;
            dp[i] = (d[i] - (i == 0 ? 0 : a[i] * dp[i - 1])) / m;
        }

        x[n - 1] = dp[n - 1];
        for (var i = n - 2; i >= 0; i--) x[i] = dp[i] - cp[i] * x[i + 1];
        return x;
    }

    /// <summary>
    /// Exercise 5b.3. dC/dsigma = S phi(d1) dd1/dsigma - K e^{-rT} phi(d2) dd2/dsigma, and with S phi(d1) = K e^{-rT} phi(d2)
    /// and dd1/dsigma - dd2/dsigma = sqrt(T) this is S phi(d1) sqrt(T).
    /// </summary>
    public static double CallVega(double spot, double strike, double rate, double volatility, double maturity)
    {
        var d1 = (Math.Log(spot / strike) + (rate + 0.5 * volatility * volatility) * maturity) / (volatility * Math.Sqrt(maturity));
        return spot * Math.Exp(-0.5 * d1 * d1) / Math.Sqrt(2 * Math.PI) * Math.Sqrt(maturity);
    }
}
