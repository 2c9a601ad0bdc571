using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.Tests.Autodiff;

/// <summary>
/// Compares the engine's gradients with central finite differences, the independent truth for every op.
/// The loss is L = sum(W .* f(inputs)) with a random W, so that every output entry gets its own weight and
/// a rule that mixes up entries cannot pass by symmetry.
/// </summary>
internal static class GradientTestKit
{
    /// <summary>Central-difference step: eps^(1/3) balances truncation O(h^2) against rounding O(eps/h).</summary>
    private const double Step = 6e-6;

    public static Matrix<double> RandomMatrix(Random rng, int rows, int columns, double low = -2.0, double high = 2.0)
    {
        var m = new DenseMatrix(rows, columns);
        for (var k = 0; k < m.Values.Length; k++) m.Values[k] = low + (high - low) * rng.NextDouble();
        return m;
    }

    /// <summary>Entries in [low, high] with random sign: away from the kinks of abs, relu and friends.</summary>
    public static Matrix<double> RandomAwayFromZero(Random rng, int rows, int columns, double low = 0.1, double high = 2.0)
    {
        var m = RandomMatrix(rng, rows, columns, low, high);
        for (var k = 0; k < ((DenseMatrix)m).Values.Length; k++)
        {
            if (rng.Next(2) == 0) ((DenseMatrix)m).Values[k] *= -1.0;
        }

        return m;
    }

    /// <summary>
    /// The worst relative error |analytic - numeric| / max(1, |analytic|, |numeric|) over every entry of every
    /// input, for the scalar loss sum(W .* f(inputs)).
    /// </summary>
    public static double WorstRelativeError(Func<Variable[], Variable> f, Matrix<double>[] inputs, Random rng)
    {
        var weightsShape = Evaluate(f, inputs);
        var weights = RandomMatrix(rng, weightsShape.RowCount, weightsShape.ColumnCount, 0.5, 1.5);
        double Loss(Matrix<double>[] xs)
        {
            using var _ = GradMode.NoGrad();
            return Evaluate(f, xs).PointwiseMultiply(weights).Enumerate().Sum();
        }

        var variables = inputs.Select(x => new Variable(x.Clone(), requiresGrad: true)).ToArray();
        var output = f(variables);
        output.PointwiseMultiply(Variable.Constant(weights)).Sum().Backward();

        var worst = 0.0;
        for (var p = 0; p < inputs.Length; p++)
        {
            var analytic = variables[p].Grad ?? new DenseMatrix(inputs[p].RowCount, inputs[p].ColumnCount);
            var numeric = NumericGradient(Loss, inputs, p);
            worst = Math.Max(worst, WorstRelative(analytic, numeric));
        }

        return worst;
    }

    /// <summary>Central differences of loss with respect to input p: (L(x + h e) - L(x - h e)) / 2h.</summary>
    public static Matrix<double> NumericGradient(Func<Matrix<double>[], double> loss, Matrix<double>[] inputs, int p)
    {
        var shifted = inputs.Select(x => x.Clone()).ToArray();
        return CentralDifferences(shifted[p], _ => loss(shifted));
    }

    /// <summary>
    /// (loss(m + h e_ij) - loss(m - h e_ij)) / 2h for every entry, perturbing <paramref name="m"/> in place and
    /// restoring it, so that a loss that reads m through other references (a module's live parameters) sees the
    /// perturbation too.
    /// </summary>
    public static Matrix<double> CentralDifferences(Matrix<double> m, Func<Matrix<double>, double> loss)
    {
        var result = new DenseMatrix(m.RowCount, m.ColumnCount);
        for (var i = 0; i < m.RowCount; i++)
        {
            for (var j = 0; j < m.ColumnCount; j++)
            {
                var x0 = m[i, j];
                var h = Step * Math.Max(1.0, Math.Abs(x0));
                m[i, j] = x0 + h;
                var plus = loss(m);
                m[i, j] = x0 - h;
                var minus = loss(m);
                m[i, j] = x0;
                result[i, j] = (plus - minus) / (2.0 * h);
            }
        }

        return result;
    }

    public static double WorstRelative(Matrix<double> analytic, Matrix<double> numeric)
    {
        var worst = 0.0;
        for (var i = 0; i < analytic.RowCount; i++)
        {
            for (var j = 0; j < analytic.ColumnCount; j++)
            {
                var a = analytic[i, j];
                var n = numeric[i, j];
                worst = Math.Max(worst, Math.Abs(a - n) / Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(n))));
            }
        }

        return worst;
    }

    private static Matrix<double> Evaluate(Func<Variable[], Variable> f, Matrix<double>[] inputs)
    {
        using var _ = GradMode.NoGrad();
        return f(inputs.Select(Variable.Constant).ToArray()).Value;
    }
}
