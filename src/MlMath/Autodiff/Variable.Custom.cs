using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Autodiff;

// The door for users' own operations (PyTorch's autograd.Function): supply the forward value and the
// backward rule, and the engine treats the op like a built-in one.
public partial class Variable
{
    /// <summary>
    /// Records a user-defined operation: <paramref name="value"/> is its forward result computed from
    /// <paramref name="inputs"/>, and <paramref name="backward"/> maps g = dL/d(output) to dL/d(input) for each
    /// input, in order (null where an input needs none; each non-null gradient must have its input's shape).
    /// </summary>
    /// <remarks>
    /// Write the backward rule with Variable operations (for example <c>g.PointwiseMultiply(...)</c>) and the
    /// op supports double backward too. Check a new op with <c>GradientCheck</c> before trusting it.
    /// </remarks>
    /// <exception cref="ArgumentException">The op name is empty.</exception>
    /// <exception cref="InvalidOperationException">During backward: the rule returned the wrong number of
    /// gradients or a gradient of the wrong shape.</exception>
    public static Variable Custom(string opName, Matrix<double> value, IReadOnlyList<Variable> inputs,
        Func<Variable, IReadOnlyList<Variable?>> backward)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opName);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(backward);
        var parents = inputs.ToArray();
        return FromOp(opName, DenseKernels.AsDense(value.Clone()), parents, g =>
        {
            GradientBufferPool.Expose(DenseKernels.ValuesOf(g.Value)); // the user's rule may keep g
            var grads = backward(g);
            if (grads.Count != parents.Length)
            {
                throw new InvalidOperationException(
                    $"Custom op '{opName}': backward returned {grads.Count} gradients for {parents.Length} inputs.");
            }

            for (var p = 0; p < parents.Length; p++)
            {
                if (grads[p] is { } grad && (grad.Rows != parents[p].Rows || grad.Columns != parents[p].Columns))
                {
                    throw new InvalidOperationException(
                        $"Custom op '{opName}': backward returned a {grad.Shape} gradient for input {p}, which is {parents[p].Shape}.");
                }
            }

            // In a plain backward pass (no graph of the gradients is recorded) hand the engine copies: the rule
            // may return a matrix it keeps, and a leaf may adopt a gradient matrix as its Grad (see Backward).
            return GradMode.IsEnabled
                ? grads.ToArray()
                : grads.Select(grad => grad is null ? null : Constant(grad.Value.Clone())).ToArray();
        });
    }
}
