using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.LinearAlgebra;

/// <summary>
/// Central finite-difference approximations of gradients, Jacobians and Hessians: the independent
/// reference that analytic and automatic derivatives are checked against.
/// </summary>
/// <remarks>
/// <para>
/// <b>Step size.</b> A central difference has truncation error <c>O(h^2)</c> (the <c>h^3 f'''/6</c>
/// terms of the two Taylor expansions) and rounding error <c>O(eps |f| / h)</c> (two values of f, each
/// wrong by about <c>eps |f|</c>, divided by <c>2h</c>). The sum is smallest at <c>h ~ eps^(1/3)</c>, so
/// first derivatives use <c>h_i = eps^(1/3) max(|x_i|, 1)</c>, about 6e-6 for unit-sized <c>x_i</c>
/// (Nocedal and Wright, Numerical Optimization, 2nd ed., sec. 8.1). Second differences have
/// truncation <c>O(h^2)</c> and rounding <c>O(eps |f| / h^2)</c>, balanced at <c>h ~ eps^(1/4)</c>: the Hessian
/// uses <c>h_i = eps^(1/4) max(|x_i|, 1)</c>, about 1.2e-4. Here <c>eps = 2^-52</c> is the machine epsilon
/// of <see cref="double"/>. The factor <c>max(|x_i|, 1)</c> scales the step to the coordinate so that
/// <c>x_i + h</c> differs from <c>x_i</c> in enough bits.
/// </para>
/// <para>
/// Each difference divides by the step that was actually taken, <c>(x_i + h) - (x_i - h)</c>, rather
/// than by <c>2h</c>: <c>x_i + h</c> is rounded, and using the rounded step removes that error
/// (Press et al., Numerical Recipes, 3rd ed., sec. 5.7).
/// </para>
/// <para>
/// A caller-supplied <c>step</c> is an absolute step used for every coordinate. f receives a fresh copy
/// of the point at every evaluation, so it may keep or modify its argument. A NaN or infinite value of f
/// throws <see cref="InvalidOperationException"/> naming the coordinate, instead of returning a NaN derivative.
/// </para>
/// </remarks>
public static class FiniteDifferences
{
    /// <summary>Machine epsilon of <see cref="double"/>, 2^-52 (not <see cref="double.Epsilon"/>, which is the smallest subnormal).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The relative step for first derivatives, eps^(1/3) (about 6.06e-6).</summary>
    public static readonly double FirstDerivativeRelativeStep = Math.Cbrt(MachineEpsilon);

    /// <summary>The relative step for second derivatives, eps^(1/4) (about 1.22e-4).</summary>
    public static readonly double SecondDerivativeRelativeStep = Math.Sqrt(Math.Sqrt(MachineEpsilon));

    /// <summary>
    /// The central-difference gradient of a scalar function:
    /// <c>g_i = (f(x + h_i e_i) - f(x - h_i e_i)) / (2 h_i)</c>, error <c>O(h^2)</c>.
    /// </summary>
    /// <remarks>Nocedal and Wright, Numerical Optimization, 2nd ed., sec. 8.1 (central differences). Costs 2n evaluations of f.</remarks>
    /// <param name="f">The function R^n -&gt; R.</param>
    /// <param name="x">The point (finite entries, length n &gt;= 1).</param>
    /// <param name="step">An absolute step for every coordinate; null chooses <c>eps^(1/3) max(|x_i|, 1)</c>.</param>
    /// <returns>The approximate gradient, length n.</returns>
    /// <exception cref="ArgumentException">x is empty or not finite, or step is not finite and positive.</exception>
    /// <exception cref="InvalidOperationException">f returned NaN or infinity.</exception>
    public static Vector<double> Gradient(Func<Vector<double>, double> f, Vector<double> x, double? step = null)
    {
        ValidatePoint(f, x, step, nameof(Gradient));
        var gradient = Vector<double>.Build.Dense(x.Count);
        for (int i = 0; i < x.Count; i++)
        {
            double h = step ?? FirstDerivativeRelativeStep * Math.Max(Math.Abs(x[i]), 1.0);
            var (plus, minus) = (Shifted(x, i, h), Shifted(x, i, -h));
            double fPlus = Evaluate(f, plus, nameof(Gradient), i);
            double fMinus = Evaluate(f, minus, nameof(Gradient), i);
            gradient[i] = (fPlus - fMinus) / (plus[i] - minus[i]);
        }

        return gradient;
    }

    /// <summary>
    /// The central-difference gradient of a scalar function of a matrix, with the shape of <paramref name="x"/>:
    /// <c>G[r, c] = (f(X + h E_rc) - f(X - h E_rc)) / (2h)</c>.
    /// </summary>
    /// <remarks>The same formula and step as <see cref="Gradient(Func{Vector{double}, double}, Vector{double}, double?)"/>,
    /// applied to the entries of X in column-major order (this overload delegates to it). Useful to check
    /// the gradient of a loss with respect to a weight matrix.</remarks>
    /// <param name="f">The function R^(r x c) -&gt; R.</param>
    /// <param name="x">The point (finite entries, at least one).</param>
    /// <param name="step">An absolute step for every entry; null chooses <c>eps^(1/3) max(|x_rc|, 1)</c>.</param>
    /// <returns>The approximate gradient, a matrix of the same shape as <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentException">x is empty or not finite, or step is not finite and positive.</exception>
    /// <exception cref="InvalidOperationException">f returned NaN or infinity.</exception>
    public static Matrix<double> Gradient(Func<Matrix<double>, double> f, Matrix<double> x, double? step = null)
    {
        ArgumentChecks.NotNull(f, nameof(Gradient), nameof(f));
        ArgumentChecks.NotNull(x, nameof(Gradient), nameof(x));
        var (rows, columns) = (x.RowCount, x.ColumnCount);
        Vector<double> flat = Vector<double>.Build.Dense(x.ToColumnMajorArray());
        Vector<double> g = Gradient(v => f(Matrix<double>.Build.Dense(rows, columns, v.ToArray())), flat, step);
        return Matrix<double>.Build.Dense(rows, columns, g.ToArray());
    }

    /// <summary>
    /// The central-difference Jacobian of a vector function f: R^n -&gt; R^m, an m x n matrix whose column j is
    /// <c>J[:, j] = (f(x + h_j e_j) - f(x - h_j e_j)) / (2 h_j)</c>.
    /// </summary>
    /// <remarks>Nocedal and Wright, Numerical Optimization, 2nd ed., sec. 8.1 (the Jacobian
    /// column by column, with central differences). Costs 2n evaluations of f; every evaluation must return the same length m.</remarks>
    /// <param name="f">The function R^n -&gt; R^m.</param>
    /// <param name="x">The point (finite entries, length n &gt;= 1).</param>
    /// <param name="step">An absolute step for every coordinate; null chooses <c>eps^(1/3) max(|x_j|, 1)</c>.</param>
    /// <returns>The approximate m x n Jacobian, <c>J[i, j] ~ d f_i / d x_j</c>.</returns>
    /// <exception cref="ArgumentException">x is empty or not finite, or step is not finite and positive.</exception>
    /// <exception cref="InvalidOperationException">f returned non-finite values, or vectors of different lengths.</exception>
    public static Matrix<double> Jacobian(Func<Vector<double>, Vector<double>> f, Vector<double> x, double? step = null)
    {
        ValidatePoint(f, x, step, nameof(Jacobian));
        Matrix<double>? jacobian = null;
        for (int j = 0; j < x.Count; j++)
        {
            double h = step ?? FirstDerivativeRelativeStep * Math.Max(Math.Abs(x[j]), 1.0);
            var (plus, minus) = (Shifted(x, j, h), Shifted(x, j, -h));
            Vector<double> fPlus = EvaluateVector(f, plus, j);
            Vector<double> fMinus = EvaluateVector(f, minus, j);
            jacobian ??= Matrix<double>.Build.Dense(fPlus.Count, x.Count);
            if (fPlus.Count != jacobian.RowCount || fMinus.Count != jacobian.RowCount)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Jacobian: f returned vectors of lengths {jacobian.RowCount}, {fPlus.Count} and {fMinus.Count}; it must always return the same length"));
            }

            jacobian.SetColumn(j, (fPlus - fMinus) / (plus[j] - minus[j]));
        }

        return jacobian!;
    }

    /// <summary>
    /// The Hessian of a scalar function by central second differences, symmetric by construction:
    /// <c>H[i, i] = (f(x + h_i e_i) - 2 f(x) + f(x - h_i e_i)) / h_i^2</c> and, for <c>i != j</c>,
    /// <c>H[i, j] = H[j, i] = (f(x + h_i e_i + h_j e_j) - f(x + h_i e_i - h_j e_j) - f(x - h_i e_i + h_j e_j)
    /// + f(x - h_i e_i - h_j e_j)) / (4 h_i h_j)</c>.
    /// </summary>
    /// <remarks>
    /// Both formulas have truncation error <c>O(h^2)</c>; with <c>h_i = eps^(1/4) max(|x_i|, 1)</c> the total
    /// error is about <c>sqrt(eps)</c> times the size of f and its fourth derivatives, so expect 6 to 8
    /// correct digits (Nocedal and Wright, Numerical Optimization, 2nd ed., sec. 8.1, give the one-sided version with
    /// its <c>O(h)</c> error; Abramowitz and Stegun, Handbook of Mathematical Functions, sec. 25.3, list
    /// these central formulas). The off-diagonal formula is unchanged when i and j are swapped, so
    /// it is computed once per pair and mirrored. Costs <c>1 + 2n + 2n(n - 1)</c> evaluations of f.
    /// </remarks>
    /// <param name="f">The function R^n -&gt; R.</param>
    /// <param name="x">The point (finite entries, length n &gt;= 1).</param>
    /// <param name="step">An absolute step for every coordinate; null chooses <c>eps^(1/4) max(|x_i|, 1)</c>.</param>
    /// <returns>The approximate symmetric n x n Hessian.</returns>
    /// <exception cref="ArgumentException">x is empty or not finite, or step is not finite and positive.</exception>
    /// <exception cref="InvalidOperationException">f returned NaN or infinity.</exception>
    public static Matrix<double> Hessian(Func<Vector<double>, double> f, Vector<double> x, double? step = null)
    {
        ValidatePoint(f, x, step, nameof(Hessian));
        int n = x.Count;
        var h = Vector<double>.Build.Dense(n, i => step ?? SecondDerivativeRelativeStep * Math.Max(Math.Abs(x[i]), 1.0));
        double fx = Evaluate(f, x.Clone(), nameof(Hessian), coordinate: -1);
        var hessian = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
        {
            var (plus, minus) = (Shifted(x, i, h[i]), Shifted(x, i, -h[i]));
            double halfStep = (plus[i] - minus[i]) / 2; // the step actually taken
            double second = Evaluate(f, plus, nameof(Hessian), i) - 2 * fx + Evaluate(f, minus, nameof(Hessian), i);
            hessian[i, i] = second / (halfStep * halfStep);
            for (int j = i + 1; j < n; j++)
            {
                double fpp = Evaluate(f, Shifted(plus, j, h[j]), nameof(Hessian), i);
                double fpm = Evaluate(f, Shifted(plus, j, -h[j]), nameof(Hessian), i);
                double fmp = Evaluate(f, Shifted(minus, j, h[j]), nameof(Hessian), i);
                double fmm = Evaluate(f, Shifted(minus, j, -h[j]), nameof(Hessian), i);
                double stepJ = (x[j] + h[j]) - (x[j] - h[j]);
                hessian[i, j] = hessian[j, i] = (fpp - fpm - fmp + fmm) / (2 * halfStep * stepJ);
            }
        }

        return hessian;
    }

    /// <summary>A copy of <paramref name="x"/> with <paramref name="delta"/> added to entry <paramref name="index"/>.</summary>
    private static Vector<double> Shifted(Vector<double> x, int index, double delta)
    {
        var copy = x.Clone();
        copy[index] += delta;
        return copy;
    }

    private static double Evaluate(Func<Vector<double>, double> f, Vector<double> point, string method, int coordinate)
    {
        double value = f(point);
        if (!double.IsFinite(value))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: f returned {ArgumentChecks.Format(value)} {Where(coordinate)}; finite differences need finite values of f near x"));
        }

        return value;
    }

    private static Vector<double> EvaluateVector(Func<Vector<double>, Vector<double>> f, Vector<double> point, int coordinate)
    {
        Vector<double> value = f(point) ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"Jacobian: f returned null {Where(coordinate)}"));
        for (int i = 0; i < value.Count; i++)
        {
            if (!double.IsFinite(value[i]))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Jacobian: f returned {ArgumentChecks.Format(value[i])} in output {i} {Where(coordinate)}; finite differences need finite values of f near x"));
            }
        }

        return value;
    }

    private static string Where(int coordinate) => coordinate < 0
        ? "at x itself"
        : string.Create(CultureInfo.InvariantCulture, $"while differencing coordinate {coordinate}");

    private static void ValidatePoint(object f, Vector<double> x, double? step, string method)
    {
        ArgumentChecks.NotNull(f, method, nameof(f));
        ArgumentChecks.NotEmpty(x, method, nameof(x));
        ArgumentChecks.AllFinite(x, method, nameof(x));
        ArgumentChecks.ValidStep(step, method);
    }
}
