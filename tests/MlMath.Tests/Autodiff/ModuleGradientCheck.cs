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
            ["input"] = GradientTestKit.WorstRelative(input.Grad!, GradientTestKit.CentralDifferences(x, Loss)),
        };
        foreach (var (name, parameter) in module.NamedParameters())
        {
            var numeric = GradientTestKit.CentralDifferences(parameter.Value, _ => Loss(x));
            errors[name] = GradientTestKit.WorstRelative(parameter.Grad ?? new DenseMatrix(parameter.Rows, parameter.Columns), numeric);
        }

        return errors;
    }
}
