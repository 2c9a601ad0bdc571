using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.DifferentialEquations;

/// <summary>
/// Dynamics f_theta(y) = net(y .* y .* y): a network applied to the elementwise cube of the state, the model of
/// the spiral demo of torchdiffeq (Chen et al., "Neural Ordinary Differential Equations", NeurIPS 2018;
/// torchdiffeq/examples/ode_demo.py, <c>self.net(y**3)</c>), whose true dynamics dy/dt = (y^3) A are cubic.
/// </summary>
/// <remarks>
/// <para>The cube is one graph node, y^3 with the rule d(y^3)/dy = 3 y^2, instead of a square and a product
/// (two nodes forward, four gradient matrices backward); inside a neural ODE it runs at every stage of every
/// step, so the saving is paid back 36 times per RK4 solve of 9 steps.</para>
/// <para>Shapes: input B x D (rows are independent states), output whatever <see cref="Network"/> returns for a
/// B x D input (B x D for an ODE right-hand side).</para>
/// </remarks>
public sealed class CubedStateDynamics : Module
{
    /// <summary>Wraps <paramref name="network"/> (registered as the child "net").</summary>
    /// <param name="network">The network applied to y^3, e.g. <c>Mlp.Create([2, 50, 2], ActivationKind.Tanh, random)</c>.</param>
    public CubedStateDynamics(Module network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = RegisterModule("net", network);
    }

    /// <summary>The network applied to the cubed state.</summary>
    public Module Network { get; }

    /// <summary>net(y .* y .* y).</summary>
    public override Variable Forward(Variable input) => Network.Forward(Cube(input));

    /// <summary>
    /// The elementwise cube y_ij = x_ij^3 as one op. Backward: dx = 3 x^2 .* g.
    /// </summary>
    /// <remarks>
    /// As the engine's tanh does, the rule has two forms: under a plain backward pass (no graph recorded) it
    /// computes g .* 3 x^2 in one loop; when gradients are themselves differentiated (createGraph) it is written
    /// with Variable operations, so that second derivatives (6 x g) come out right.
    /// </remarks>
    internal static Variable Cube(Variable x)
    {
        var values = VariableStateAdapter.Values(x);
        var cubed = new DenseMatrix(x.Rows, x.Columns);
        for (var i = 0; i < values.Length; i++) cubed.Values[i] = values[i] * values[i] * values[i];
        return Variable.Custom("Cube", cubed, [x], g =>
        {
            if (GradMode.IsEnabled) return [g.PointwiseMultiply(x.Square().MultiplyScalar(3.0))];
            var gradient = new DenseMatrix(x.Rows, x.Columns);
            var gv = VariableStateAdapter.Values(g);
            for (var i = 0; i < values.Length; i++) gradient.Values[i] = 3.0 * values[i] * values[i] * gv[i];
            return [Variable.Constant(gradient)];
        });
    }
}
