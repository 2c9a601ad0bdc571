using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;

namespace MlMath.NeuralNetworks;

/// <summary>
/// A leaf <see cref="Variable"/> that an optimizer updates in place: a weight matrix or a bias row.
/// It requires a gradient unless frozen.
/// </summary>
/// <remarks>
/// Optimizers write new values into <see cref="Variable.Value"/>'s storage (<see cref="Assign"/>), so every
/// module that holds the parameter sees the update. Do this outside any graph that still needs the old value
/// (after <c>Backward()</c>, before the next forward pass), as every framework requires.
/// </remarks>
public sealed class Parameter : Variable
{
    /// <summary>Creates a trainable parameter holding <paramref name="value"/> (held by reference when dense).</summary>
    public Parameter(Matrix<double> value, string? name = null) : base(value, requiresGrad: true, name) { }

    /// <summary>True when frozen: no gradient is computed for it and optimizers skip it.</summary>
    public bool IsFrozen => !RequiresGrad;

    /// <summary>Stops gradients (transfer learning: keep a pretrained body fixed) and forgets the current one.</summary>
    public void Freeze()
    {
        RequiresGrad = false;
        ZeroGrad();
    }

    /// <summary>Makes the parameter trainable again.</summary>
    public void Unfreeze() => RequiresGrad = true;

    /// <summary>Copies <paramref name="source"/>'s entries into this parameter's storage.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void Assign(Matrix<double> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.RowCount != Rows || source.ColumnCount != Columns)
        {
            throw new ArgumentException(
                $"Parameter.Assign: parameter '{Name}' is {Shape}, source is {source.RowCount}x{source.ColumnCount}.", nameof(source));
        }

        source.CopyTo(Value);
    }
}
