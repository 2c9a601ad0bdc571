using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MlMath.DifferentialEquations.Pde;
using Spectre.Console;

namespace MlMath.Samples.PhysicsInformed;

public static partial class PhysicsInformedSample
{
    /// <summary>A European call four ways; returns the Crank-Nicolson and PINN price errors.</summary>
    private static (double FiniteDifference, double Pinn) OptionPricing(IAnsiConsole console, string outputFolder)
    {
        console.Write(new Rule("Option pricing: a European call, S = K = 100, r = 5%, sigma = 20%, T = 1"));
        var market = new BlackScholesModel(0.05, 0.2);
        var call = new EuropeanOption(OptionType.Call, 100, 1);
        var exact = BlackScholesFormula.Price(call, market, 100);
        var greeks = BlackScholesFormula.Greeks(call, market, 100);

        var clock = Stopwatch.StartNew();
        var fd = BlackScholesFiniteDifference.Price(call, market, 100);
        var fdTime = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var mc = MonteCarloPricer.Price(call, market, 100, new Random(1973), new MonteCarloOptions { Paths = 200_000 });
        var mcTime = clock.Elapsed.TotalSeconds;

        // PINN in log-moneyness x = ln(S/K) and time to maturity tau, price v = V/K:
        // v_tau = sigma^2/2 v_xx + (r - sigma^2/2) v_x - r v, v(x, 0) = max(e^x - 1, 0).
        clock.Restart();
        var (sigma, r) = (market.Volatility, market.Rate);
        var domain = new SpaceTimeDomain(-1, 1, 0, 1);
        var random = new Random(1);
        var network = PinnNetwork.Create(domain, [20, 20, 20], random);
        var pinn = new Pinn(network,
            f => f.Ut - f.Uxx * (0.5 * sigma * sigma) - f.Ux * (r - 0.5 * sigma * sigma) + f.U * r,
            domain.Sample(800, CollocationSampling.LatinHypercube, random),
            [
                PinnCondition.FromFunction("payoff", domain.InitialLine(101), (x, _) => Math.Max(Math.Exp(x) - 1, 0)),
                PinnCondition.FromFunction("low", domain.LeftBoundary(21), (_, _) => 0.0),
                PinnCondition.FromFunction("high", domain.RightBoundary(21), (x, tau) => Math.Exp(x) - Math.Exp(-r * tau)),
            ]);
        var trained = Train(console, "Black-Scholes PINN", pinn, new PinnOptions { AdamIterations = 300, AdamLearningRate = 5e-3, LbfgsIterations = 500 });
        var pinnPrice = 100 * pinn.Predict(Matrix<double>.Build.Dense(1, 2, [0.0, 1.0]))[0, 0];
        var pinnTime = clock.Elapsed.TotalSeconds;

        var table = new Table().AddColumns("method", "price", "error", "notes", "time");
        table.AddRow("closed form (Black-Scholes 1973)", Invariant($"{exact:F4}"), "-", Invariant($"delta {greeks.Delta:F4}, gamma {greeks.Gamma:F4}"), "-");
        table.AddRow("Crank-Nicolson, log grid, Rannacher", Invariant($"{fd.Price:F4}"), Invariant($"{fd.Price - exact:E1}"), Invariant($"delta {fd.Delta:F4}, gamma {fd.Gamma:F4}; 801 x 400 nodes x steps"), Invariant($"{fdTime:F2} s"));
        table.AddRow("Monte Carlo, antithetic", Invariant($"{mc.Value:F4}"), Invariant($"{mc.Value - exact:E1}"), Invariant($"95% CI [[{mc.Lower:F4}, {mc.Upper:F4}]], {mc.Paths} paths"), Invariant($"{mcTime:F2} s"));
        table.AddRow("PINN (2-20-20-20-1)", Invariant($"{pinnPrice:F4}"), Invariant($"{pinnPrice - exact:E1}"), Invariant($"loss {trained.FinalLoss:E1}"), Invariant($"{pinnTime:F1} s"));
        console.Write(table);

        // The Crank-Nicolson surface V(S, tau) for S in [50, 200].
        var surface = fd.Surface;
        var columns = Enumerable.Range(0, surface.Nodes.Count).Where(j => surface.Nodes[j] >= 50 && surface.Nodes[j] <= 200).ToArray();
        var rows = Enumerable.Range(0, surface.Times.Count).Where(n => n % 4 == 0).Reverse().ToArray();
        var values = Matrix<double>.Build.Dense(rows.Length, columns.Length, (i, j) => surface.Values[rows[i], columns[j]]);
        SaveHeatMap(values, "European call price V(S, tau) by Crank-Nicolson (tau = time to maturity)",
            rows.Select(n => surface.Times[n]).ToArray(), columns.Select(j => surface.Nodes[j]).ToArray(),
            "tau (years)", "spot S", "V", Path.Combine(outputFolder, "pde-call-surface.png"));
        return (Math.Abs(fd.Price - exact), Math.Abs(pinnPrice - exact));
    }
}
