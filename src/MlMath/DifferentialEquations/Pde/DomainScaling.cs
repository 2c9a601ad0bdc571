using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// A fixed affine map of (x, t) onto [-1, 1]^2: z = 2 (x - x_min) / (x_max - x_min) - 1, likewise for t. A tanh network
/// trains much better on inputs of order one (Raissi et al. 2019 scale the same way); the map is a graph operation, so
/// derivatives with respect to the raw (x, t) include its constant factors automatically. No trainable parameters.
/// </summary>
public sealed class DomainScaling : Module
{
    private readonly Variable _scale;
    private readonly Variable _shift;

    /// <summary>Creates the map for <paramref name="domain"/>.</summary>
    public DomainScaling(SpaceTimeDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var (sx, st) = (2 / (domain.XMax - domain.XMin), 2 / (domain.TMax - domain.TMin));
        _scale = Variable.Constant(Matrix<double>.Build.Dense(1, 2, [sx, st]));
        _shift = Variable.Constant(Matrix<double>.Build.Dense(1, 2, [-1 - sx * domain.XMin, -1 - st * domain.TMin]));
    }

    /// <summary>z = input .* scale + shift, row by row. Shapes: n x 2 -&gt; n x 2.</summary>
    /// <exception cref="ArgumentException">The input does not have 2 columns.</exception>
    public override Variable Forward(Variable input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns != 2) throw new ArgumentException($"DomainScaling: the input is {input.Shape}; it must have 2 columns (x, t).", nameof(input));
        return input.MultiplyRowVector(_scale).AddRowVector(_shift);
    }
}
