using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.LinearAlgebra;

namespace MlMath.Autodiff;

// The fully connected layer as one operation. Composed from MatMul, AddRowVector and Tanh it makes three
// intermediate matrices per layer and three graph nodes; here the bias is written into the result first and
// the product added onto it by the matrix-product kernel (which computes C += A B anyway), and the activation
// is applied in place, so the layer makes one matrix and one node. The pre-activation is overwritten: the
// activations allowed here have derivatives that need only the output.
public partial class Variable
{
    /// <summary>
    /// y = act(x W + b) for x (n x in), W (in x out) and an optional bias row b (1 x out), in one operation.
    /// Backward, with gz = g .* act'(y): dx = gz W^T, dW = x^T gz, db = column sums of gz.
    /// </summary>
    /// <remarks>Gives the same values as <c>act((x * W).AddRowVector(b))</c> and the same gradients, to first and
    /// second order (with <c>createGraph</c> the rule is built from Variable operations, as every rule is).</remarks>
    /// <exception cref="ArgumentException">x's columns differ from W's rows, or b is not 1 x (W's columns).</exception>
    public static Variable Affine(Variable x, Variable weight, Variable? bias, FusedActivation activation = FusedActivation.Identity)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        if (x.Columns != weight.Rows) ShapeCheck.Throw("Affine", $"input is {x.Shape}, weight is {weight.Shape}; input columns must equal weight rows.");
        if (bias is not null && (bias.Rows != 1 || bias.Columns != weight.Columns))
        {
            ShapeCheck.Throw("Affine", $"weight is {weight.Shape}, bias is {bias.Shape}; expected 1x{weight.Columns}.");
        }

        int rows = x.Rows, columns = weight.Columns;
        var y = DenseKernels.Uninitialized(rows, columns);
        var b = bias is null ? null : DenseKernels.ValuesOf(bias.Value);
        bool inBlocks = InColumnBlocks(x, weight, activation);
        if (inBlocks)
        {
            AffineForwardInColumnBlocks((DenseMatrix)x.Value, (DenseMatrix)weight.Value, b, y, activation);
        }
        else
        {
            StartWithBias(y.Values, b, rows, 0, columns);
            MatrixProduct.MultiplyAdd(x.Value, weight.Value, y); // y = b + x W
            Activate(y.Values, activation);
        }

        Variable? output = null;
        output = FromOp(AffineOpNames[(int)activation], y,
            bias is null ? [x, weight] : [x, weight, bias],
            g =>
            {
                if (inBlocks && !GradMode.IsEnabled) return AffineBackwardInColumnBlocks(g, x, weight, bias, output!, activation);
                var gz = ActivationGradient(g, output!, activation);
                var products = ProductGradients(new(x, gz, false, weight, true), new(weight, x, true, gz, false)); // dx, dW
                return bias is null ? products : [products[0], products[1], bias.RequiresGrad ? gz.SumPerColumn() : null];
            });
        return output;
    }

    /// <summary>Op names by activation, made once (Enum.ToString allocates on every call).</summary>
    private static readonly string[] AffineOpNames = ["Affine", "AffineTanh", "AffineSigmoid", "AffineRelu"];

    private static void Activate(Span<double> values, FusedActivation activation)
    {
        switch (activation)
        {
            case FusedActivation.Identity:
                break;
            case FusedActivation.Tanh:
                VectorMath.Tanh(values, values);
                break;
            case FusedActivation.Sigmoid:
                VectorMath.Sigmoid(values, values);
                break;
            case FusedActivation.Relu:
                for (var k = 0; k < values.Length; k++) values[k] = values[k] > 0.0 ? values[k] : 0.0; // as Relu()
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Affine: unknown activation.");
        }
    }

    /// <summary>gz = g .* act'(y), written with y only; one fused loop when no graph is recorded.</summary>
    private static Variable ActivationGradient(Variable g, Variable y, FusedActivation activation)
    {
        if (activation == FusedActivation.Identity) return g;
        if (GradMode.IsEnabled)
        {
            return activation switch
            {
                FusedActivation.Tanh => g.PointwiseMultiply(1.0 - y.Square()),
                FusedActivation.Sigmoid => g.PointwiseMultiply(y).PointwiseMultiply(1.0 - y),
                _ => g.PointwiseMultiply(Constant(DenseKernels.MapScalar(y.Value, v => v > 0.0 ? 1.0 : 0.0))),
            };
        }

        return Constant(DenseKernels.ActivationBackward(g.Value, y.Value, ActivationRuleOf(activation)));
    }

    /// <summary>The span form of an activation's backward rule, written with its output y.</summary>
    private static DenseKernels.ActivationRule ActivationRuleOf(FusedActivation activation) => activation switch
    {
        FusedActivation.Tanh => DenseKernels.TanhBackward,
        FusedActivation.Sigmoid => DenseKernels.SigmoidBackward,
        _ => DenseKernels.ReluBackward,
    };
}
