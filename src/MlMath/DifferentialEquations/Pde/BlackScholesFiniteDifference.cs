using MathNet.Numerics.LinearAlgebra;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// Prices a European option by Crank-Nicolson on a log-price grid. With x = ln S and tau = T - t the Black-Scholes
/// equation becomes the constant-coefficient convection-diffusion-reaction equation
/// V_tau = 1/2 sigma^2 V_xx + (r - q - sigma^2/2) V_x - r V, started from the payoff V(x, 0) = max(e^x - K, 0) (call).
/// Central differences give a tridiagonal operator; Dirichlet conditions at the ends come from the asymptotics
/// (call: V = 0 far below, V = S e^{-q tau} - K e^{-r tau} far above; put the mirror image).
/// </summary>
/// <remarks>
/// Why log-price: the S-form has coefficients S^2 and S that vanish at S = 0 and grow without bound, while in x they are
/// constant, so a uniform grid resolves every scale alike and the transformation to the heat equation
/// (Wilmott, Howison &amp; Dewynne, <i>The Mathematics of Financial Derivatives</i>, 1995, section 5.4) is one substitution
/// away. Why Rannacher: the payoff's kink excites grid-scale modes that Crank-Nicolson damps only by a factor near -1 per
/// step, which spoils delta and gamma near the strike; a few implicit Euler half steps at the start remove them and keep
/// second-order convergence (Rannacher 1984; Giles &amp; Carter, <i>J. Comput. Finance</i> 9(3), 2006).
/// </remarks>
public static class BlackScholesFiniteDifference
{
    /// <summary>Prices <paramref name="option"/> at spot <paramref name="spot"/>; ln S0 is the middle node of the grid.</summary>
    /// <exception cref="ArgumentOutOfRangeException">S0 is not finite and positive.</exception>
    public static FiniteDifferenceOptionPrice Price(EuropeanOption option, BlackScholesModel model, double spot, BlackScholesGridOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(model);
        options ??= new BlackScholesGridOptions();
        if (!(spot > 0) || !double.IsFinite(spot))
        {
            throw new ArgumentOutOfRangeException(nameof(spot), spot, "BlackScholesFiniteDifference.Price: the spot S0 must be finite and > 0.");
        }

        var (sigma, r, q, strike, maturity) = (model.Volatility, model.Rate, model.DividendYield, option.Strike, option.Maturity);
        var x0 = Math.Log(spot);
        var halfWidth = Math.Abs(Math.Log(strike / spot)) + options.Width * sigma * Math.Sqrt(maturity);
        var grid = new UniformGrid(x0 - halfWidth, x0 + halfWidth, options.SpaceIntervals);
        var dx = grid.Spacing;
        var (diffusion, drift) = (0.5 * sigma * sigma, r - q - 0.5 * sigma * sigma);
        var lower = diffusion / (dx * dx) - drift / (2 * dx);
        var upper = diffusion / (dx * dx) + drift / (2 * dx);
        var (sMin, sMax) = (Math.Exp(grid.Start), Math.Exp(grid.End));
        var call = option.Type == OptionType.Call;
        var left = new ThreePointOperator.EndRow(true, 0, 0, tau => call ? 0.0 : Math.Max(strike * Math.Exp(-r * tau) - sMin * Math.Exp(-q * tau), 0));
        var right = new ThreePointOperator.EndRow(true, 0, 0, tau => call ? Math.Max(sMax * Math.Exp(-q * tau) - strike * Math.Exp(-r * tau), 0) : 0.0);
        var stepper = new ThetaMethod(new ThreePointOperator(lower, -2 * diffusion / (dx * dx) - r, upper, left, right), grid.PointCount);

        var spots = grid.Points().Select(Math.Exp).ToArray();
        var v = spots.Select(option.Payoff).ToArray();
        var dt = maturity / options.TimeSteps;
        var rows = new List<double[]> { (double[])v.Clone() };
        for (var n = 0; n < options.TimeSteps; n++)
        {
            if (n < options.RannacherSteps)
            {
                stepper.Step(v, n * dt, dt / 2, 1.0);
                stepper.Step(v, (n + 0.5) * dt, dt / 2, 1.0);
            }
            else
            {
                stepper.Step(v, n * dt, dt, 0.5);
            }

            rows.Add((double[])v.Clone());
        }

        var mid = options.SpaceIntervals / 2;
        var vx = (v[mid + 1] - v[mid - 1]) / (2 * dx);
        var vxx = (v[mid + 1] - 2 * v[mid] + v[mid - 1]) / (dx * dx);
        var times = Enumerable.Range(0, options.TimeSteps + 1).Select(n => n == options.TimeSteps ? maturity : n * dt).ToArray();
        var surface = new PdeSolution(spots, times, Matrix<double>.Build.Dense(rows.Count, spots.Length, (i, j) => rows[i][j]));
        return new FiniteDifferenceOptionPrice(v[mid], vx / spot, (vxx - vx) / (spot * spot), surface);
    }
}
