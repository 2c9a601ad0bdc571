using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
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

    public static TheoryData<int, int, int, FusedActivation, bool> LayersInColumnHalves => new()
    {
        // Tanh or sigmoid over >= 4096 entries: split for the activation's sake although the product is small.
        { 128, 3, 32, FusedActivation.Tanh, true }, { 128, 2, 64, FusedActivation.Sigmoid, false },
        // Products of >= 2^17 multiply-adds, every activation; 45 columns leave a partial register tile.
        { 64, 40, 64, FusedActivation.Identity, true }, { 64, 40, 64, FusedActivation.Relu, false },
        { 100, 30, 45, FusedActivation.Tanh, true }, { 70, 50, 40, FusedActivation.Sigmoid, true },
    };

    [Theory]
    [MemberData(nameof(LayersInColumnHalves))]
    public void Layers_large_enough_to_run_in_column_halves_equal_the_composed_operations(int rows, int inner, int columns, FusedActivation activation, bool inputNeedsGradient)
    {
        // These shapes take the path where each core computes whole columns (forward) and column halves (backward:
        // gz, dW and db for its columns, and a partial product of dx). The reference is the composed formula.
        var rng = new Random(rows + inner + columns);
        Matrix<double> x = RandomMatrix(rng, rows, inner), w = RandomMatrix(rng, inner, columns, -0.3, 0.3), b = RandomMatrix(rng, 1, columns);
        Variable[] Leaves() => [new(x.Clone(), requiresGrad: inputNeedsGradient), new(w.Clone(), requiresGrad: true), new(b.Clone(), requiresGrad: true)];
        var fused = Leaves();
        var composed = Leaves();
        var weights = Variable.Constant(RandomMatrix(rng, rows, columns));

        var yFused = Variable.Affine(fused[0], fused[1], fused[2], activation);
        var yComposed = Composed(composed[0], composed[1], composed[2], activation);
        yFused.PointwiseMultiply(weights).Sum().Backward();
        yComposed.PointwiseMultiply(weights).Sum().Backward();

        WorstRelative(yFused.Value, yComposed.Value).Should().BeLessThan(1e-14);
        for (var p = inputNeedsGradient ? 0 : 1; p < 3; p++)
        {
            WorstRelative(fused[p].Grad!, composed[p].Grad!).Should().BeLessThan(1e-13, $"input {p}");
        }

        if (!inputNeedsGradient) fused[0].Grad.Should().BeNull();
    }

    [Fact]
    public void A_layer_in_column_blocks_gives_the_bits_of_one_block_over_all_columns()
    {
        // The forward pass cuts y into one block of columns per core; every entry must come out as it would from the
        // product over all columns at once (the blocked kernel's order over k does not depend on the columns).
        var rng = new Random(5);
        var x = RandomMatrix(rng, 96, 50);
        var w = RandomMatrix(rng, 50, 72, -0.3, 0.3);
        var b = RandomMatrix(rng, 1, 72);

        var y = Variable.Affine(Variable.Constant(x), Variable.Constant(w), Variable.Constant(b), FusedActivation.Tanh);

        var expected = DenseMatrix.Create(96, 72, (_, j) => b[0, j]);
        MlMath.LinearAlgebra.MatrixProduct.MultiplyAddPart((DenseMatrix)x, false, (DenseMatrix)w, false, expected, 0, 72, 0, 50);
        MlMath.LinearAlgebra.VectorMath.Tanh(expected.Values, expected.Values);
        ((DenseMatrix)y.Value).Values.Should().Equal(expected.Values);
    }

    [Fact]
    public void A_second_backward_pass_through_a_layer_in_column_halves_adds_to_the_gradients()
    {
        var rng = new Random(6);
        var x = new Variable(RandomMatrix(rng, 128, 64), requiresGrad: true);
        var w = new Variable(RandomMatrix(rng, 64, 64, -0.2, 0.2), requiresGrad: true);
        var b = new Variable(RandomMatrix(rng, 1, 64), requiresGrad: true);
        var y = Variable.Affine(x, w, b, FusedActivation.Tanh).Sum();

        y.Backward();
        var once = new[] { x.Grad!.Clone(), w.Grad!.Clone(), b.Grad!.Clone() };
        y.Backward();

        WorstRelative(x.Grad!, 2.0 * once[0]).Should().BeLessThan(1e-15);
        WorstRelative(w.Grad!, 2.0 * once[1]).Should().BeLessThan(1e-15);
        WorstRelative(b.Grad!, 2.0 * once[2]).Should().BeLessThan(1e-15);
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
