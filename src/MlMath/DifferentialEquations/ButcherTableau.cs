using System.Globalization;

namespace MlMath.DifferentialEquations;

/// <summary>
/// An explicit Runge-Kutta method as data: its Butcher tableau (c, A, b), optionally an embedded weight vector
/// b-hat for error estimation and the coefficients of a continuous extension (dense output).
/// </summary>
/// <remarks>
/// <para>One step from (t, y) with step h computes the stages
/// k_i = f(t + c_i h, y + h sum_{j&lt;i} a_ij k_j), i = 1..s, and y_new = y + h sum_i b_i k_i. The embedded
/// solution y-hat = y + h sum_i bhat_i k_i has a lower order; their difference
/// err = h sum_i (b_i - bhat_i) k_i estimates the local error (Hairer, Norsett &amp; Wanner, Solving Ordinary
/// Differential Equations I, 2nd ed., II.1 and II.4).</para>
/// <para>FSAL ("first same as last") is derived from the data, never declared: when c_s = 1, b_s = 0 and the
/// last row of A equals b, the last stage is f(t + h, y_new), which is the first stage of the next step, so a
/// step costs s - 1 evaluations.</para>
/// <para>Dense output: y(t + theta h) ~ y + h sum_i b_i(theta) k_i with b_i(theta) = sum_m P[i][m] theta^(m+1)
/// (Hairer, Norsett &amp; Wanner I, II.6). Tableaux without their own interpolant use the cubic Hermite
/// interpolant through (y, f(t, y)) and (y_new, f(t + h, y_new)), which is of order 3.</para>
/// <para>The named methods live in <c>ButcherTableau.Methods.cs</c>; <see cref="ExplicitRungeKutta"/> is the one
/// stepper that runs them all (torchdiffeq's <c>rk_common.py</c> design).</para>
/// </remarks>
public sealed partial class ButcherTableau
{
    private readonly double[][] _a;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly double[]? _errorWeights;
    private readonly double[][]? _denseOutput;

    /// <summary>Creates a tableau; the arrays are copied.</summary>
    /// <param name="name">The method's name, for messages and tables.</param>
    /// <param name="c">The nodes c_i (length s).</param>
    /// <param name="a">The strictly lower-triangular coefficients: row i holds a_i1..a_i,i-1 (row 0 is empty).</param>
    /// <param name="b">The weights b_i of the solution that is propagated (length s).</param>
    /// <param name="order">The order p of the propagated solution.</param>
    /// <param name="embeddedWeights">bhat_i of the embedded solution (length s), or null for a fixed-step-only method.</param>
    /// <param name="embeddedOrder">The order of the embedded solution (0 when there is none).</param>
    /// <param name="denseOutput">P[i][m], the coefficients of theta^(m+1) in b_i(theta), or null for Hermite interpolation.</param>
    /// <param name="denseOutputOrder">The order of the continuous extension (3 for the Hermite fallback).</param>
    /// <exception cref="ArgumentException">The arrays do not have the shapes described, or an entry is not finite.</exception>
    public ButcherTableau(string name, double[] c, double[][] a, double[] b, int order, double[]? embeddedWeights = null,
        int embeddedOrder = 0, double[][]? denseOutput = null, int denseOutputOrder = 3)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var s = c.Length;
        if (s == 0 || a.Length != s || b.Length != s)
        {
            throw new ArgumentException($"ButcherTableau '{name}': c has {s} entries, A {a.Length} rows, b {b.Length} entries; all must equal the stage count (> 0).", nameof(a));
        }

        for (var i = 0; i < s; i++)
        {
            if (a[i] is null || a[i].Length != i)
            {
                throw new ArgumentException($"ButcherTableau '{name}': row {i} of A must hold the {i} entries left of the diagonal (explicit method).", nameof(a));
            }
        }

        if (embeddedWeights is not null && embeddedWeights.Length != s)
        {
            throw new ArgumentException($"ButcherTableau '{name}': bhat has {embeddedWeights.Length} entries, expected {s}.", nameof(embeddedWeights));
        }

        if (denseOutput is not null && (denseOutput.Length != s || denseOutput.Any(row => row is null || row.Length != denseOutput[0].Length)))
        {
            throw new ArgumentException($"ButcherTableau '{name}': the dense-output matrix must have {s} rows of equal length.", nameof(denseOutput));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        var all = c.Concat(b).Concat(a.SelectMany(r => r)).Concat(embeddedWeights ?? []).Concat(denseOutput?.SelectMany(r => r) ?? []);
        if (all.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"ButcherTableau '{name}': every coefficient must be finite.", nameof(a));
        }

        Name = name;
        Order = order;
        _c = (double[])c.Clone();
        _a = a.Select(r => (double[])r.Clone()).ToArray();
        _b = (double[])b.Clone();
        if (embeddedWeights is not null)
        {
            EmbeddedWeights = (double[])embeddedWeights.Clone();
            _errorWeights = b.Zip(embeddedWeights, (bi, bh) => bi - bh).ToArray();
            EmbeddedOrder = embeddedOrder;
        }

        _denseOutput = denseOutput?.Select(r => (double[])r.Clone()).ToArray();
        DenseOutputOrder = denseOutput is null ? Math.Min(3, order) : denseOutputOrder;
        IsFsal = s > 1 && c[s - 1] == 1.0 && b[s - 1] == 0.0 && a[s - 1].AsSpan().SequenceEqual(b.AsSpan(0, s - 1));
    }

    /// <summary>The method's name.</summary>
    public string Name { get; }

    /// <summary>The number of stages s.</summary>
    public int Stages => _c.Length;

    /// <summary>The order p of the propagated solution: the local error is O(h^(p+1)), the global error O(h^p).</summary>
    public int Order { get; }

    /// <summary>The order of the embedded solution (0 when there is none).</summary>
    public int EmbeddedOrder { get; }

    /// <summary>The order of the continuous extension used for dense output.</summary>
    public int DenseOutputOrder { get; }

    /// <summary>True when the tableau has an embedded solution, so the adaptive mode can estimate errors.</summary>
    public bool IsAdaptive => _errorWeights is not null;

    /// <summary>True when the last stage equals f(t + h, y_new) (derived from c, A and b; see the remarks).</summary>
    public bool IsFsal { get; }

    /// <summary>True when the tableau carries its own interpolant (otherwise dense output is cubic Hermite).</summary>
    public bool HasOwnDenseOutput => _denseOutput is not null;

    /// <summary>The nodes c_i.</summary>
    public IReadOnlyList<double> C => _c;

    /// <summary>The weights b_i.</summary>
    public IReadOnlyList<double> B => _b;

    /// <summary>The embedded weights bhat_i, or null.</summary>
    public IReadOnlyList<double>? EmbeddedWeights { get; }

    /// <summary>The error weights e_i = b_i - bhat_i (err = h sum_i e_i k_i), or null.</summary>
    public IReadOnlyList<double>? ErrorWeights => _errorWeights;

    /// <summary>Row i of A: a_i1..a_i,i-1.</summary>
    public IReadOnlyList<double> A(int i) => _a[i];

    /// <summary>The dense-output coefficients P (rows: stages; column m: coefficient of theta^(m+1)), or null.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? DenseOutputCoefficients => _denseOutput;

    internal double[] RowA(int i) => _a[i];

    internal double[] BArray => _b;

    internal double[] CArray => _c;

    internal double[]? ErrorArray => _errorWeights;

    internal double[][]? DenseArray => _denseOutput;

    /// <summary>The dense-output weights b_i(theta) = sum_m P[i][m] theta^(m+1), written into <paramref name="weights"/>.</summary>
    /// <exception cref="InvalidOperationException">The tableau has no own interpolant.</exception>
    public void DenseWeights(double theta, Span<double> weights)
    {
        var p = _denseOutput ?? throw new InvalidOperationException($"ButcherTableau '{Name}' has no own dense output (Hermite interpolation is used).");
        for (var i = 0; i < p.Length; i++)
        {
            double w = 0, power = theta;
            foreach (var coefficient in p[i])
            {
                w += coefficient * power;
                power *= theta;
            }

            weights[i] = w;
        }
    }

    /// <summary>The name and orders, e.g. "Dormand-Prince 5(4)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} (order {Order}, {Stages} stages)");
}
