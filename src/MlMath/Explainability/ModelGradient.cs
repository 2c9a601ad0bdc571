using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;

namespace MlMath.Explainability;

/// <summary>
/// The one gradient every gradient attribution needs: d f_c(x_i) / d x_i for every row i of an input batch,
/// where f_c is output column c of a differentiable model.
/// </summary>
internal static class ModelGradient
{
    /// <summary>
    /// Seeds reverse mode with the indicator of column <paramref name="target"/> in every row:
    /// L = sum_i f_c(x_i), so dL/dx_i = d f_c(x_i)/d x_i when the model treats rows independently.
    /// </summary>
    internal static Matrix<double> OfTarget(Func<Variable, Variable> model, Matrix<double> input, int target, string method)
    {
        using var enable = GradMode.EnableGrad();
        var x = new Variable(input.Clone(), requiresGrad: true);
        var y = Evaluate(model, x, input.RowCount, target, method);
        if (!y.RequiresGrad) return Matrix<double>.Build.Dense(input.RowCount, input.ColumnCount);
        var seed = Matrix<double>.Build.Dense(y.Rows, y.Columns);
        for (var i = 0; i < y.Rows; i++) seed[i, target] = 1.0;
        return Gradients.Of(y, x, Variable.Constant(seed), allowUnused: true).Value;
    }

    /// <summary>f_c(x_i) for every row, without recording a graph.</summary>
    internal static Vector<double> Output(Func<Variable, Variable> model, Matrix<double> input, int target, string method)
    {
        using var noGrad = GradMode.NoGrad();
        return Evaluate(model, Variable.Constant(input), input.RowCount, target, method).Value.Column(target);
    }

    /// <summary>Checks the model's arguments before any work.</summary>
    internal static void CheckArguments(Func<Variable, Variable> model, Matrix<double> input, int target, string method)
    {
        ArgumentNullException.ThrowIfNull(model);
        ExplainabilityChecks.FiniteNonEmpty(input, method, nameof(input));
        if (target < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target,
                string.Create(CultureInfo.InvariantCulture, $"{method}: target must be an output column index (0 or more), got {target}."));
        }
    }

    private static Variable Evaluate(Func<Variable, Variable> model, Variable x, int rows, int target, string method)
    {
        var y = model(x) ?? throw new InvalidOperationException($"{method}: the model returned null.");
        if (y.Rows != rows)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: the model maps {rows} input rows to {y.Shape}; it must return one output row per input row."));
        }

        if (target >= y.Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, string.Create(CultureInfo.InvariantCulture,
                $"{method}: target {target} is not an output column; the model has {y.Columns} outputs (0..{y.Columns - 1})."));
        }

        return y;
    }
}
