using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using static MlMath.Tests.Autodiff.GradientTestKit;

namespace MlMath.Tests.Autodiff;

/// <summary>
/// The fused layer op y = act(x W + b) against the same formula composed from MatMul, AddRowVector and the
/// activation (whose own rules are checked against finite differences in <see cref="OpGradientTests"/>,
/// where the fused op is checked too, to first and second order).
/// </summary>
public sealed class AffineTests
{
    public static TheoryData<FusedActivation> Activations => new()
    {
        FusedActivation.Identity, FusedActivation.Tanh, FusedActivation.Sigmoid, FusedActivation.Relu,
    };

    private static Variable Composed(Variable x, Variable w, Variable b, FusedActivation activation)
    {
        var z = (x * w).AddRowVector(b);
        return activation switch
        {
            FusedActivation.Tanh => z.Tanh(),
            FusedActivation.Sigmoid => z.Sigmoid(),
            FusedActivation.Relu => z.Relu(),
            _ => z,
        };
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Values_and_gradients_equal_the_composed_operations(FusedActivation activation)
    {
        var rng = new Random(7);
        Matrix<double> x = RandomMatrix(rng, 37, 20), w = RandomMatrix(rng, 20, 13, -0.5, 0.5), b = RandomMatrix(rng, 1, 13);
        Variable[] Leaves() => [new(x.Clone(), requiresGrad: true), new(w.Clone(), requiresGrad: true), new(b.Clone(), requiresGrad: true)];
        var fused = Leaves();
        var composed = Leaves();
        var weights = Variable.Constant(RandomMatrix(rng, 37, 13));

        var yFused = Variable.Affine(fused[0], fused[1], fused[2], activation);
        var yComposed = Composed(composed[0], composed[1], composed[2], activation);
        yFused.PointwiseMultiply(weights).Sum().Backward();
        yComposed.PointwiseMultiply(weights).Sum().Backward();

        // b + (x W) and (x W) + b round identically when the product's sum is added once, as here (k = 20).
        yFused.Value.Should().BeEquivalentTo(yComposed.Value);
        for (var p = 0; p < 3; p++)
        {
            WorstRelative(fused[p].Grad!, composed[p].Grad!).Should().BeLessThan(1e-14, $"input {p}");
        }
    }

    [Fact]
    public void Sequential_fuses_a_linear_layer_and_its_activation_without_changing_the_result()
    {
        var model = Mlp.Create([3, 8, 8, 2], ActivationKind.Tanh, new Random(3));
        var x = Variable.Constant(RandomMatrix(new Random(4), 5, 3));
        var fused = model.Forward(x);
        fused.OpName.Should().Be("Affine", "the last layer has no activation");
        fused.Parents[0].OpName.Should().Be("AffineTanh");

        // Layer by layer, each module on its own: Linear, Activation, Linear, Activation, Linear.
        var y = x;
        foreach (var layer in model.Layers) y = layer is Linear linear ? Composed(y, linear.Weight, linear.Bias!, FusedActivation.Identity) : layer.Forward(y);
        fused.Value.Should().BeEquivalentTo(y.Value);
    }

    [Fact]
    public void Frozen_weights_and_constant_inputs_get_no_gradient_work()
    {
        var x = Variable.Constant(RandomMatrix(new Random(5), 4, 3));
        var w = new Variable(RandomMatrix(new Random(6), 3, 2), requiresGrad: false);
        var b = new Variable(RandomMatrix(new Random(7), 1, 2), requiresGrad: true);
        Variable.Affine(x, w, b, FusedActivation.Tanh).Sum().Backward();
        b.Grad.Should().NotBeNull();
        w.Grad.Should().BeNull();
    }

    [Fact]
    public void Mismatched_shapes_are_rejected_naming_both()
    {
        var x = Variable.Constant(RandomMatrix(new Random(1), 4, 3));
        var w = Variable.Constant(RandomMatrix(new Random(2), 5, 2));
        var act = () => Variable.Affine(x, w, null);
        act.Should().Throw<ArgumentException>().WithMessage("*Affine*4x3*5x2*");

        var goodW = Variable.Constant(RandomMatrix(new Random(2), 3, 2));
        var badBias = Variable.Constant(RandomMatrix(new Random(3), 2, 2));
        var act2 = () => Variable.Affine(x, goodW, badBias);
        act2.Should().Throw<ArgumentException>().WithMessage("*Affine*2x2*1x2*");
    }
}
