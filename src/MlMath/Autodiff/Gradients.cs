using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Autodiff;

/// <summary>
/// Gradients as values rather than as side effects on <see cref="Variable.Grad"/>: the functional form of
/// reverse mode, and the door to higher-order derivatives.
/// </summary>
public static class Gradients
{
    /// <summary>
    /// Returns dL/dx for each x in <paramref name="inputs"/>, where L = sum(seed .* output) (seed defaults to
    /// 1 for a 1x1 output). Does not touch <see cref="Variable.Grad"/>.
    /// </summary>
    /// <param name="output">The Variable to differentiate.</param>
    /// <param name="inputs">Variables in output's graph (leaves or intermediate results).</param>
    /// <param name="seed">dL/d(output); required when output is not 1x1.</param>
    /// <param name="createGraph">When true, the returned gradients are themselves graph nodes that depend on
    /// the inputs, so they can be differentiated again (d/dx of a gradient gives a Hessian row; d/dx of
    /// g(x)'v gives the Hessian-vector product H v, Pearlmutter 1994). When false they are constants.</param>
    /// <param name="allowUnused">When true, an input the output does not depend on gets a zero gradient;
    /// when false (the default) that is an error, since it usually means a mistake in the model.</param>
    /// <exception cref="ArgumentException">The seed's shape differs from the output's, or an input is unused
    /// and <paramref name="allowUnused"/> is false.</exception>
    /// <exception cref="InvalidOperationException">The output is not 1x1 and no seed was given, or it does
    /// not require a gradient.</exception>
    public static IReadOnlyList<Variable> Of(Variable output, IReadOnlyList<Variable> inputs, Variable? seed = null,
        bool createGraph = false, bool allowUnused = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(inputs);
        if (seed is null)
        {
            if (output.Rows != 1 || output.Columns != 1)
            {
                throw new InvalidOperationException(
                    $"Gradients.Of: the output is {output.Shape}, not a 1x1 scalar; pass a seed gradient of shape {output.Shape}.");
            }

            seed = Variable.Scalar(1.0);
        }
        else if (seed.Rows != output.Rows || seed.Columns != output.Columns)
        {
            throw new ArgumentException($"Gradients.Of: seed gradient is {seed.Shape}, output is {output.Shape}.", nameof(seed));
        }

        if (!output.RequiresGrad)
        {
            throw new InvalidOperationException(
                $"Gradients.Of: the output ('{output.OpName}') does not require a gradient: no input had RequiresGrad = true, or it was computed under GradMode.NoGrad().");
        }

        var keep = new HashSet<Variable>(inputs, ReferenceEqualityComparer.Instance);
        Dictionary<Variable, Variable> gradients;
        using (createGraph ? GradMode.EnableGrad() : GradMode.NoGrad())
        {
            gradients = BackwardEngine.Run(output, seed, keep);
        }

        var result = new Variable[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (gradients.TryGetValue(inputs[i], out var gradient))
            {
                result[i] = gradient;
                continue;
            }

            if (!allowUnused)
            {
                throw new ArgumentException(
                    $"Gradients.Of: input {i} ({inputs[i]}) is not used to compute the output (or does not require a gradient); pass allowUnused: true to get zeros.",
                    nameof(inputs));
            }

            result[i] = Variable.Constant(Matrix<double>.Build.Dense(inputs[i].Rows, inputs[i].Columns));
        }

        return result;
    }

    /// <summary>dL/dx for a single input; see <see cref="Of(Variable, IReadOnlyList{Variable}, Variable?, bool, bool)"/>.</summary>
    public static Variable Of(Variable output, Variable input, Variable? seed = null, bool createGraph = false,
        bool allowUnused = false) =>
        Of(output, [input], seed, createGraph, allowUnused)[0];
}
