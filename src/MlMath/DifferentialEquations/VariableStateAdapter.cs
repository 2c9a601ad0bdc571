using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.DifferentialEquations;

/// <summary>Views a Variable right-hand side f(t, Y) (Y a rows x columns matrix) as an <see cref="OdeFunction"/>
/// over the column-major entries of Y, evaluated without building a graph.</summary>
internal static class VariableStateAdapter
{
    public static OdeFunction ToOdeFunction(Func<double, Variable, Variable> function, int rows, int columns) =>
        (t, y, dydt) =>
        {
            using var _ = GradMode.NoGrad();
            var result = function(t, Variable.Constant(DenseMatrix.Build.Dense(rows, columns, y.ToArray())));
            CheckShape(result, rows, columns, t);
            Values(result).CopyTo(dydt);
        };

    public static double[] Values(Variable v) => ((DenseMatrix)v.Value).Values;

    public static void CheckShape(Variable result, int rows, int columns, double t)
    {
        if (result is null || result.Rows != rows || result.Columns != columns)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"ODE right-hand side: f(t = {t}, y) returned {result?.Shape ?? "null"}; the state is {rows}x{columns}."), "function");
        }
    }
}
