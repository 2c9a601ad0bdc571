using System.Numerics.Tensors;

namespace MlMath.Autodiff;

// Elementwise functions y = f(x) with backward dx = g .* f'(x). Where f'(x) is written with f(x) itself
// (exp, sqrt) the rule uses the output Variable y, which keeps the rule short and, because y is a Variable,
// still differentiable a second time.
public partial class Variable
{
    /// <summary>y = e^x. Backward: dx = g .* y.</summary>
    public Variable Exp()
    {
        Variable? y = null;
        y = FromOp("Exp", DenseKernels.Map(Value, MlMath.LinearAlgebra.VectorMath.Exp), [this], g => [g.PointwiseMultiply(y!)]);
        return y;
    }

    /// <summary>y = ln x (NaN for x &lt; 0, -infinity at 0). Backward: dx = g ./ x.</summary>
    public Variable Log()
    {
        var x = this;
        return FromOp("Log", DenseKernels.Map(Value, TensorPrimitives.Log), [this], g => [g.PointwiseDivide(x)]);
    }

    /// <summary>y = sqrt(x). Backward: dx = g ./ (2 y).</summary>
    public Variable Sqrt()
    {
        Variable? y = null;
        y = FromOp("Sqrt", DenseKernels.Map(Value, TensorPrimitives.Sqrt), [this], g => [g.PointwiseDivide(y!).MultiplyScalar(0.5)]);
        return y;
    }

    /// <summary>y = x^p for a constant exponent p. Backward: dx = g .* p x^(p-1).</summary>
    public Variable Pow(double p)
    {
        var x = this;
        return FromOp("Pow", DenseKernels.Map(Value, (s, t) => TensorPrimitives.Pow(s, p, t)), [this],
            g => [p == 1.0 ? g : g.PointwiseMultiply(x.Pow(p - 1.0)).MultiplyScalar(p)]);
    }

    /// <summary>y = x^2. Backward: dx = 2 g .* x.</summary>
    public Variable Square()
    {
        var x = this;
        return FromOp("Square", DenseKernels.Zip(Value, Value, TensorPrimitives.Multiply), [this],
            g => GradMode.IsEnabled
                ? [g.PointwiseMultiply(x).MultiplyScalar(2.0)]
                : [Constant(DenseKernels.SquareBackward(g.Value, x.Value))]);
    }

    /// <summary>y = |x|. Backward: dx = g .* sign(x), taking sign(0) = 0 (a subgradient).</summary>
    public Variable Abs()
    {
        var x = this;
        return FromOp("Abs", DenseKernels.Map(Value, TensorPrimitives.Abs), [this],
            g => [g.PointwiseMultiply(Constant(DenseKernels.MapScalar(x.Value, v => Math.Sign(v))))]);
    }
}
