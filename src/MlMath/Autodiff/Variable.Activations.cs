namespace MlMath.Autodiff;

// Activation functions of neural networks, elementwise. Derivatives that depend only on a mask (relu, leaky
// relu) use a constant mask: the second derivative is zero almost everywhere, and a constant says so.
// Tanh and sigmoid have two forms of their rule: when no graph is being recorded (a plain Backward()), the
// rule is one fused loop; when gradients must be differentiable (createGraph), it is built from Variable
// ops. Both compute the same formula and both are checked against finite differences.
public partial class Variable
{
    /// <summary>y = tanh x. Backward: dx = g .* (1 - y^2).</summary>
    public Variable Tanh()
    {
        Variable? y = null;
        y = FromOp("Tanh", DenseKernels.Map(Value, MlMath.LinearAlgebra.VectorMath.Tanh), [this],
            g => GradMode.IsEnabled
                ? [g.PointwiseMultiply(1.0 - y!.Square())]
                : [Constant(DenseKernels.TanhBackward(g.Value, y!.Value))]);
        return y;
    }

    /// <summary>y = 1 / (1 + e^-x), computed without overflow for large |x|. Backward: dx = g .* y .* (1 - y).</summary>
    public Variable Sigmoid()
    {
        Variable? y = null;
        y = FromOp("Sigmoid", DenseKernels.Map(Value, MlMath.LinearAlgebra.VectorMath.Sigmoid), [this],
            g => GradMode.IsEnabled
                ? [g.PointwiseMultiply(y!).PointwiseMultiply(1.0 - y!)]
                : [Constant(DenseKernels.SigmoidBackward(g.Value, y!.Value))]);
        return y;
    }

    /// <summary>y = max(x, 0). Backward: dx = g where x &gt; 0, else 0 (the subgradient 0 at x = 0, as PyTorch).</summary>
    public Variable Relu()
    {
        var x = this;
        return FromOp("Relu", DenseKernels.MapScalar(Value, v => v > 0.0 ? v : 0.0), [this],
            g => [g.PointwiseMultiply(Constant(DenseKernels.MapScalar(x.Value, v => v > 0.0 ? 1.0 : 0.0)))]);
    }

    /// <summary>y = x for x &gt; 0, else slope * x. Backward: dx = g .* (1 or slope).</summary>
    public Variable LeakyRelu(double slope = 0.01)
    {
        var x = this;
        return FromOp("LeakyRelu", DenseKernels.MapScalar(Value, v => v > 0.0 ? v : slope * v), [this],
            g => [g.PointwiseMultiply(Constant(DenseKernels.MapScalar(x.Value, v => v > 0.0 ? 1.0 : slope)))]);
    }

    /// <summary>
    /// Exponential linear unit: y = x for x &gt; 0, else alpha (e^x - 1) (Clevert et al., ICLR 2016).
    /// Backward: dx = g .* (1 for x &gt; 0, else y + alpha).
    /// </summary>
    public Variable Elu(double alpha = 1.0)
    {
        var x = this;
        Variable? y = null;
        y = FromOp("Elu", EluValues(Value, alpha), [this], g =>
        {
            var positive = Constant(DenseKernels.MapScalar(x.Value, v => v > 0.0 ? 1.0 : 0.0));
            var negative = Constant(DenseKernels.MapScalar(x.Value, v => v > 0.0 ? 0.0 : 1.0));
            return [g.PointwiseMultiply(positive + negative.PointwiseMultiply(y!.AddScalar(alpha)))];
        });
        return y;
    }

    /// <summary>x for x &gt; 0, else alpha (e^x - 1), with e^x - 1 from the vectorised, cancellation-free expm1.</summary>
    private static MathNet.Numerics.LinearAlgebra.Double.DenseMatrix EluValues(MathNet.Numerics.LinearAlgebra.Matrix<double> x, double alpha)
    {
        var result = DenseKernels.Map(x, MlMath.LinearAlgebra.VectorMath.ExpM1);
        var source = DenseKernels.ValuesOf(x);
        var target = result.Values;
        for (var k = 0; k < target.Length; k++)
        {
            target[k] = source[k] > 0.0 ? source[k] : alpha * target[k];
        }

        return result;
    }

    /// <summary>
    /// y = ln(1 + e^x), computed as max(x, 0) + ln(1 + e^-|x|) so that it neither overflows for large x nor
    /// loses the tiny value for very negative x. Backward: dx = g .* sigmoid(x).
    /// </summary>
    public Variable Softplus()
    {
        var x = this;
        return FromOp("Softplus", DenseKernels.MapScalar(Value, v => Math.Max(v, 0.0) + Log1P(Math.Exp(-Math.Abs(v)))), [this],
            g => [g.PointwiseMultiply(x.Sigmoid())]);
    }

    /// <summary>ln(1 + z) without losing a small z to rounding in 1 + z: series z - z^2/2 + z^3/3 when |z| &lt; 1e-4.</summary>
    internal static double Log1P(double z) =>
        Math.Abs(z) < 1e-4 ? z * (1.0 - z * (0.5 - z / 3.0)) : Math.Log(1.0 + z);
}
