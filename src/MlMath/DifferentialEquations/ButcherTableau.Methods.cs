namespace MlMath.DifferentialEquations;

// The named methods: each is nothing but its tableau. Rational literals are written as in the sources.
public sealed partial class ButcherTableau
{
    /// <summary>Forward Euler, y_new = y + h f(t, y): order 1 (Euler 1768; Hairer, Norsett &amp; Wanner I, I.7).</summary>
    public static ButcherTableau Euler { get; } = new("Euler", [0.0], [[]], [1.0], order: 1);

    /// <summary>
    /// Heun's method (explicit trapezoidal rule): k1 = f(t, y), k2 = f(t + h, y + h k1), y_new = y + h (k1 + k2)/2;
    /// order 2, with Euler embedded (order 1) for error control (Hairer, Norsett &amp; Wanner I, II.1, Table 1.1).
    /// </summary>
    public static ButcherTableau Heun { get; } = new("Heun", [0.0, 1.0], [[], [1.0]], [1.0 / 2, 1.0 / 2], order: 2,
        embeddedWeights: [1.0, 0.0], embeddedOrder: 1);

    /// <summary>
    /// The explicit midpoint rule (Runge 1895): k2 = f(t + h/2, y + h k1 / 2), y_new = y + h k2; order 2.
    /// </summary>
    public static ButcherTableau Midpoint { get; } = new("Midpoint", [0.0, 1.0 / 2], [[], [1.0 / 2]], [0.0, 1.0], order: 2);

    /// <summary>
    /// The classic fourth-order Runge-Kutta method (Kutta 1901): c = (0, 1/2, 1/2, 1), b = (1/6, 1/3, 1/3, 1/6);
    /// order 4 (Hairer, Norsett &amp; Wanner I, II.1, Table 1.2, left).
    /// </summary>
    public static ButcherTableau RungeKutta4 { get; } = new("RK4", [0.0, 1.0 / 2, 1.0 / 2, 1.0],
        [[], [1.0 / 2], [0.0, 1.0 / 2], [0.0, 0.0, 1.0]], [1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6], order: 4);

    /// <summary>
    /// Bogacki-Shampine 3(2) (Bogacki &amp; Shampine, "A 3(2) pair of Runge-Kutta formulas", Appl. Math. Lett. 2(4),
    /// 1989): order 3 propagated, order 2 embedded, FSAL (4 stages, 3 evaluations per step); dense output is the
    /// cubic Hermite interpolant, which is the pair's own (MATLAB's ode23 / SciPy's RK23).
    /// </summary>
    public static ButcherTableau BogackiShampine32 { get; } = new("Bogacki-Shampine 3(2)", [0.0, 1.0 / 2, 3.0 / 4, 1.0],
        [[], [1.0 / 2], [0.0, 3.0 / 4], [2.0 / 9, 1.0 / 3, 4.0 / 9]],
        [2.0 / 9, 1.0 / 3, 4.0 / 9, 0.0], order: 3,
        embeddedWeights: [7.0 / 24, 1.0 / 4, 1.0 / 3, 1.0 / 8], embeddedOrder: 2);

    /// <summary>
    /// Dormand-Prince 5(4) (Dormand &amp; Prince, "A family of embedded Runge-Kutta formulae", J. Comput. Appl.
    /// Math. 6(1), 1980; Hairer's DOPRI5): order 5 propagated (local extrapolation), order 4 embedded, FSAL (7 stages,
    /// 6 evaluations per step). Dense output: Shampine's quartic continuous extension ("Some practical Runge-Kutta
    /// formulas", Math. Comp. 46, 1986), the one SciPy's RK45 uses; order 4.
    /// </summary>
    public static ButcherTableau DormandPrince54 { get; } = new("Dormand-Prince 5(4)",
        [0.0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1.0, 1.0],
        [
            [],
            [1.0 / 5],
            [3.0 / 40, 9.0 / 40],
            [44.0 / 45, -56.0 / 15, 32.0 / 9],
            [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
            [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
            [35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
        ],
        [35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0.0], order: 5,
        embeddedWeights: [5179.0 / 57600, 0.0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40],
        embeddedOrder: 4,
        denseOutput:
        [
            [1.0, -8048581381.0 / 2820520608, 8663915743.0 / 2820520608, -12715105075.0 / 11282082432],
            [0.0, 0.0, 0.0, 0.0],
            [0.0, 131558114200.0 / 32700410799, -68118460800.0 / 10900136933, 87487479700.0 / 32700410799],
            [0.0, -1754552775.0 / 470086768, 14199869525.0 / 1410260304, -10690763975.0 / 1880347072],
            [0.0, 127303824393.0 / 49829197408, -318862633887.0 / 49829197408, 701980252875.0 / 199316789632],
            [0.0, -282668133.0 / 205662961, 2019193451.0 / 616988883, -1453857185.0 / 822651844],
            [0.0, 40617522.0 / 29380423, -110615467.0 / 29380423, 69997945.0 / 29380423],
        ],
        denseOutputOrder: 4);

    private static readonly double[] TsitourasB =
        [0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081, 2.324710524099774, 0.0];

    // b - bhat as printed in Tsitouras (2011), Table 1.
    private static readonly double[] TsitourasBMinusBHat =
        [-0.00178001105222577714, -0.0008164344596567469, 0.007880878010261995, -0.1447110071732629, 0.5823571654525552, -0.45808210592918697, 1.0 / 66];

    /// <summary>
    /// Tsitouras 5(4) (Ch. Tsitouras, "Runge-Kutta pairs of order 5(4) satisfying only the first column
    /// simplifying assumption", Comput. Math. Appl. 62(2), 2011, Table 1): order 5 propagated, order 4 embedded,
    /// FSAL, with the paper's order-4 interpolant. Its coefficients are decimals in the paper; typically slightly
    /// more efficient than Dormand-Prince (DifferentialEquations.jl's default Tsit5).
    /// </summary>
    public static ButcherTableau Tsitouras54 { get; } = new("Tsitouras 5(4)",
        [0.0, 0.161, 0.327, 0.9, 0.9800255409045097, 1.0, 1.0],
        [
            [],
            [0.161],
            [-0.008480655492356989, 0.335480655492357],
            [2.8971530571054935, -6.359448489975075, 4.3622954328695815],
            [5.325864828439257, -11.748883564062828, 7.4955393428898365, -0.09249506636175525],
            [5.86145544294642, -12.92096931784711, 8.159367898576159, -0.071584973281401, -0.028269050394068383],
            [0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081, 2.324710524099774],
        ],
        TsitourasB, order: 5,
        embeddedWeights: TsitourasB.Zip(TsitourasBMinusBHat, (b, e) => b - e).ToArray(), embeddedOrder: 4,
        denseOutput:
        [
            [1.0, -2.763706197274826, 2.9132554618219126, -1.0530884977290216],
            [0.0, 0.1317, -0.2234, 0.1017],
            [0.0, 3.9302962368947516, -5.941033872131505, 2.490627285651253],
            [0.0, -12.411077166933676, 30.33818863028232, -16.548102889244902],
            [0.0, 37.50931341651104, -88.1789048947664, 47.37952196281928],
            [0.0, -27.896526289197286, 65.09189467479366, -34.87065786149661],
            [0.0, 1.5, -4.0, 2.5],
        ],
        denseOutputOrder: 4);

    /// <summary>All the named tableaux above, in order of increasing order.</summary>
    public static IReadOnlyList<ButcherTableau> All { get; } =
        [Euler, Heun, Midpoint, RungeKutta4, BogackiShampine32, DormandPrince54, Tsitouras54];
}
