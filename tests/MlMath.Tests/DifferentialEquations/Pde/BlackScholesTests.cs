using MlMath.DifferentialEquations.Pde;

namespace MlMath.Tests.DifferentialEquations.Pde;

public sealed class BlackScholesTests
{
    private static readonly BlackScholesModel Market = new(rate: 0.05, volatility: 0.2);
    private static readonly EuropeanOption Call = new(OptionType.Call, 100, 1);
    private static readonly EuropeanOption Put = new(OptionType.Put, 100, 1);

    [Fact]
    public void The_closed_form_reproduces_published_prices()
    {
        // S = K = 100, r = 5%, sigma = 20%, T = 1: call 10.4506, put 5.5735 (e.g. Hull's DerivaGem; put by parity).
        BlackScholesFormula.Price(Call, Market, 100).Should().BeApproximately(10.450583572185565, 1e-9);
        BlackScholesFormula.Price(Put, Market, 100).Should().BeApproximately(5.573526022256971, 1e-9);
        // Hull, Options, Futures, and Other Derivatives, Example 15.6: S = 42, K = 40, r = 10%, sigma = 20%, T = 0.5.
        var hull = new BlackScholesModel(0.10, 0.2);
        BlackScholesFormula.Price(new EuropeanOption(OptionType.Call, 40, 0.5), hull, 42).Should().BeApproximately(4.76, 0.005);
        BlackScholesFormula.Price(new EuropeanOption(OptionType.Put, 40, 0.5), hull, 42).Should().BeApproximately(0.81, 0.005);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(125)]
    public void Put_call_parity_holds_for_the_closed_form_and_the_finite_difference_prices(double strike)
    {
        // C - P = S e^{-qT} - K e^{-rT}: a call minus a put is a forward, whatever the model.
        var market = new BlackScholesModel(0.05, 0.3, dividendYield: 0.02);
        var (call, put) = (new EuropeanOption(OptionType.Call, strike, 0.75), new EuropeanOption(OptionType.Put, strike, 0.75));
        var forward = 100 * Math.Exp(-0.02 * 0.75) - strike * Math.Exp(-0.05 * 0.75);
        (BlackScholesFormula.Price(call, market, 100) - BlackScholesFormula.Price(put, market, 100)).Should().BeApproximately(forward, 1e-12);
        var fd = BlackScholesFiniteDifference.Price(call, market, 100).Price - BlackScholesFiniteDifference.Price(put, market, 100).Price;
        // The grid's C - P is the scheme's solution for the linear payoff S - K: exact in space, O(dt^2) in time.
        fd.Should().BeApproximately(forward, 1e-5);
    }

    [Fact]
    public void Crank_Nicolson_on_a_log_grid_is_within_1e_3_of_the_closed_form_with_its_delta_and_gamma()
    {
        foreach (var option in new[] { Call, Put })
        {
            var exact = BlackScholesFormula.Greeks(option, Market, 100);
            var fd = BlackScholesFiniteDifference.Price(option, Market, 100);
            fd.Price.Should().BeApproximately(BlackScholesFormula.Price(option, Market, 100), 1e-3, option.Type.ToString());
            fd.Delta.Should().BeApproximately(exact.Delta, 1e-4);
            fd.Gamma.Should().BeApproximately(exact.Gamma, 1e-4);
        }
    }

    [Fact]
    public void Crank_Nicolson_with_Rannacher_start_up_converges_at_second_order()
    {
        // Refine space and time together: e(h) ~ C h^2 gives a ratio of about 4 per halving.
        double Error(int cells, int steps) => Math.Abs(BlackScholesFiniteDifference.Price(Call, Market, 100,
            new BlackScholesGridOptions { SpaceIntervals = cells, TimeSteps = steps }).Price - 10.450583572185565);
        var (coarse, medium, fine) = (Error(50, 25), Error(100, 50), Error(200, 100));
        Math.Log2(coarse / medium).Should().BeApproximately(2, 0.2);
        Math.Log2(medium / fine).Should().BeApproximately(2, 0.2);
    }

    [Theory]
    [InlineData(OptionType.Call, 90)]
    [InlineData(OptionType.Put, 110)]
    public void The_Greeks_equal_central_differences_of_the_closed_form(OptionType type, double strike)
    {
        var market = new BlackScholesModel(0.04, 0.25, dividendYield: 0.03);
        var option = new EuropeanOption(type, strike, 0.8);
        var greeks = BlackScholesFormula.Greeks(option, market, 100);
        double V(double s = 100, double sigma = 0.25, double r = 0.04, double t = 0.8) =>
            BlackScholesFormula.Price(new EuropeanOption(type, strike, t), new BlackScholesModel(r, sigma, 0.03), s);
        const double h = 1e-4;
        greeks.Delta.Should().BeApproximately((V(s: 100 + h) - V(s: 100 - h)) / (2 * h), 1e-7);
        greeks.Gamma.Should().BeApproximately((V(s: 100 + 1e-2) - 2 * V() + V(s: 100 - 1e-2)) / 1e-4, 1e-6);
        greeks.Vega.Should().BeApproximately((V(sigma: 0.25 + h) - V(sigma: 0.25 - h)) / (2 * h), 1e-6);
        greeks.Rho.Should().BeApproximately((V(r: 0.04 + h) - V(r: 0.04 - h)) / (2 * h), 1e-6);
        // Theta is dV/dt in calendar time: minus the derivative with respect to the time to maturity.
        greeks.Theta.Should().BeApproximately(-(V(t: 0.8 + h) - V(t: 0.8 - h)) / (2 * h), 1e-6);
    }

    [Fact]
    public void The_Monte_Carlo_confidence_interval_contains_the_closed_form_and_antithetics_shrink_it()
    {
        var exact = BlackScholesFormula.Price(Call, Market, 100);
        var antithetic = MonteCarloPricer.Price(Call, Market, 100, new Random(7), new MonteCarloOptions { Paths = 200_000 });
        var plain = MonteCarloPricer.Price(Call, Market, 100, new Random(7), new MonteCarloOptions { Paths = 200_000, Antithetic = false });
        antithetic.Contains(exact).Should().BeTrue($"{antithetic}");
        plain.Contains(exact).Should().BeTrue($"{plain}");
        antithetic.StandardError.Should().BeLessThan(0.05);
        antithetic.StandardError.Should().BeLessThan(0.8 * plain.StandardError, "the call's payoff is monotone in Z");
        // Euler-Maruyama on 50 steps: a weak error O(dt) well inside the sampling error here.
        var euler = MonteCarloPricer.Price(Call, Market, 100, new Random(8), new MonteCarloOptions { Paths = 40_000, TimeSteps = 50, Scheme = SdeScheme.EulerMaruyama });
        euler.Value.Should().BeApproximately(exact, 4 * euler.StandardError);
    }

    [Fact]
    public void About_95_percent_of_Monte_Carlo_intervals_cover_the_true_price()
    {
        var exact = BlackScholesFormula.Price(Put, Market, 100);
        var covered = Enumerable.Range(0, 200).Count(seed =>
            MonteCarloPricer.Price(Put, Market, 100, new Random(seed), new MonteCarloOptions { Paths = 1000 }).Contains(exact));
        // Binomial(200, 0.95): mean 190, sd 3.1.
        covered.Should().BeInRange(180, 199);
    }

    [Fact]
    public void Geometric_Brownian_motion_has_mean_S0_exp_mu_t_and_antithetic_paths_mirror_the_log()
    {
        var process = new GeometricBrownianMotion(0.1, 0.3);
        var random = new Random(3);
        var finals = Enumerable.Range(0, 20_000).Select(_ => process.SimulatePath(50, 2, 4, random)[^1]).ToArray();
        var mean = finals.Average();
        var sd = Math.Sqrt(finals.Sum(s => (s - mean) * (s - mean)) / (finals.Length - 1));
        mean.Should().BeApproximately(50 * Math.Exp(0.2), 4 * sd / Math.Sqrt(finals.Length));
        var z = new[] { 0.3, -1.2, 0.5 };
        var up = process.Path(50, 1, z);
        var down = process.Path(50, 1, z.Select(v => -v).ToArray());
        // ln S_T + ln S_T' = 2 (ln S0 + (mu - sigma^2/2) T) for the exact scheme.
        (Math.Log(up[^1]) + Math.Log(down[^1])).Should().BeApproximately(2 * (Math.Log(50) + (0.1 - 0.045) * 1), 1e-12);
    }

    [Fact]
    public void Bad_market_and_option_inputs_fail_clearly()
    {
        FluentActions.Invoking(() => new BlackScholesModel(0.05, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*sigma = 0*");
        FluentActions.Invoking(() => new EuropeanOption(OptionType.Call, -1, 1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*strike K = -1*");
        FluentActions.Invoking(() => BlackScholesFormula.Price(Call, Market, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*spot S = 0*");
        FluentActions.Invoking(() => new BlackScholesGridOptions { SpaceIntervals = 101 }).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*even*");
    }
}
