using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.Optimization;

/// <summary>
/// An objective defined by an autodiff function of an n x 1 column: gradient by reverse mode, Hessian-vector
/// products by double backward, H v = grad_x (grad f(x)' v) (Pearlmutter 1994).
/// </summary>
internal sealed class VariableObjective(Func<Variable, Variable> function) : IDifferentiableObjective, IHessianVectorProduct
{
    public double Evaluate(Vector<double> x, Vector<double> gradient)
    {
        var input = Column(x);
        var output = Output(input);
        var g = Gradients.Of(output, input, allowUnused: true);
        CopyColumn(g.Value, gradient);
        return output.Item;
    }

    public void HessianVectorProduct(Vector<double> x, Vector<double> v, Vector<double> result)
    {
        var input = Column(x);
        var g = Gradients.Of(Output(input), input, createGraph: true, allowUnused: true);
        var gv = g.PointwiseMultiply(Variable.Constant(DenseMatrix.OfColumnMajor(v.Count, 1, v.ToArray()))).Sum();
        if (!gv.RequiresGrad)
        {
            // The gradient does not depend on x (f is affine): H = 0.
            result.Clear();
            return;
        }

        CopyColumn(Gradients.Of(gv, input, allowUnused: true).Value, result);
    }

    private static Variable Column(Vector<double> x) =>
        new(DenseMatrix.OfColumnMajor(x.Count, 1, x.ToArray()), requiresGrad: true, name: "x");

    private Variable Output(Variable input)
    {
        var output = function(input);
        if (output.Rows != 1 || output.Columns != 1)
        {
            throw new InvalidOperationException($"Objective.FromVariable: the function must return a 1x1 Variable, but returned {output.Shape}.");
        }

        return output;
    }

    private static void CopyColumn(Matrix<double> column, Vector<double> target)
    {
        for (var i = 0; i < target.Count; i++) target[i] = column[i, 0];
    }
}
