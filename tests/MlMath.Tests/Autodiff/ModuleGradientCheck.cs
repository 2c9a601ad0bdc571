using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Tests.Autodiff;

/// <summary>
/// Central finite differences for a module: the gradient of L = sum(W .* module(x)) with a random W, with
/// respect to the input and to every parameter, compared with one backward pass.
/// </summary>
internal static class ModuleGradientCheck
{
    private const double Step = 6e-6;

    /// <summary>The worst relative error for the input (key "input") and each named parameter.</summary>
    public static Dictionary<string, double> WorstRelativeErrors(Module module, Matrix<double> x, Random rng) =>
        WorstRelativeErrors(module.Forward, module, x, rng);

    /// <summary>
    /// As above for a forward function <paramref name="f"/> that uses <paramref name="module"/>'s parameters
    /// (e.g. a graph layer applied on a fixed graph). The module must be deterministic (Eval mode).
    /// </summary>
    public static Dictionary<string, double> WorstRelativeErrors(Func<Variable, Variable> f, Module module, Matrix<double> x, Random rng)
    {
        Matrix<double> Output(Matrix<double> at)
        {
            using var _ = GradMode.NoGrad();
            return f(Variable.Constant(at)).Value;
        }

        var shape = Output(x);
        var weights = GradientTestKit.RandomMatrix(rng, shape.RowCount, shape.ColumnCount, 0.5, 1.5);
        double Loss(Matrix<double> at) => Output(at).PointwiseMultiply(weights).Enumerate().Sum();

        module.ZeroGrad();
        var input = new Variable(x.Clone(), requiresGrad: true);
        f(input).PointwiseMultiply(Variable.Constant(weights)).Sum().Backward();

        var errors = new Dictionary<string, double>
        {
            ["input"] = GradientTestKit.WorstRelative(input.Grad!, Numeric(x, Loss)),
        };
        foreach (var (name, parameter) in module.NamedParameters())
        {
            var numeric = Numeric(parameter.Value, _ => Loss(x));
            errors[name] = GradientTestKit.WorstRelative(parameter.Grad ?? new DenseMatrix(parameter.Rows, parameter.Columns), numeric);
        }

        return errors;
    }

    /// <summary>(loss(m + h e_ij) - loss(m - h e_ij)) / 2h, perturbing <paramref name="m"/> in place and restoring it.</summary>
    private static Matrix<double> Numeric(Matrix<double> m, Func<Matrix<double>, double> loss)
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
}
