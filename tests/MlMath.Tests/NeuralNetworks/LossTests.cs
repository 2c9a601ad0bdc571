using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Tests.NeuralNetworks;

/// <summary>Losses against hand-computed values and closed-form gradients; all differentiable pieces are also
/// covered by the op property tests.</summary>
public sealed class LossTests
{
    private static Variable V(double[,] a, bool grad = false) => new(DenseMatrix.OfArray(a), grad);

    [Fact]
    public void Mse_and_huber_match_hand_computed_values()
    {
        var p = V(new[,] { { 1.0, 4.0 } });
        var t = V(new[,] { { 0.5, 1.0 } });
        Losses.MeanSquaredError(p, t).Item.Should().BeApproximately((0.25 + 9.0) / 2, 1e-15);
        // r = 0.5 (quadratic: 0.125), r = 3 (linear: 1 * (3 - 0.5) = 2.5).
        Losses.Huber(p, t, 1.0).Item.Should().BeApproximately((0.125 + 2.5) / 2, 1e-15);
    }

    [Fact]
    public void Softmax_cross_entropy_gradient_is_softmax_minus_one_hot_over_n()
    {
        var logits = V(new[,] { { 2.0, 1.0, 0.1 }, { 0.0, 0.0, 3.0 } }, grad: true);
        int[] labels = [0, 2];
        var loss = Losses.SoftmaxCrossEntropy(logits, labels);
        var p = MlMath.LinearAlgebra.StableFunctions.SoftmaxRows(logits.Value);
        loss.Item.Should().BeApproximately(-(Math.Log(p[0, 0]) + Math.Log(p[1, 2])) / 2, 1e-14);
        loss.Backward();
        var expected = p.Clone();
        expected[0, 0] -= 1;
        expected[1, 2] -= 1;
        (logits.Grad! - expected / 2).InfinityNorm().Should().BeLessThan(1e-15);
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_is_stable_and_has_gradient_sigmoid_minus_y()
    {
        var z = V(new[,] { { 800.0, -800.0, 0.3 } }, grad: true);
        var y = V(new[,] { { 1.0, 0.0, 1.0 } });
        var loss = Losses.BinaryCrossEntropyWithLogits(z, y);
        double.IsFinite(loss.Item).Should().BeTrue();
        loss.Item.Should().BeApproximately(Math.Log(1 + Math.Exp(-0.3)) / 3, 1e-15);
        loss.Backward();
        z.Grad![0, 2].Should().BeApproximately((1 / (1 + Math.Exp(-0.3)) - 1) / 3, 1e-15);
        z.Grad![0, 0].Should().BeApproximately(0.0, 1e-15);
    }

    [Fact]
    public void Losses_pass_a_gradient_check()
    {
        var x = DenseMatrix.OfArray(new[,] { { 0.3, -1.2, 2.0 }, { 0.7, 0.1, -0.4 } });
        var target = Variable.Constant(DenseMatrix.OfArray(new[,] { { 0.0, 1.0, 1.0 }, { 1.0, 0.0, 0.2 } }));
        foreach (var f in new Func<Variable, Variable>[]
                 {
                     v => Losses.MeanSquaredError(v, target),
                     v => Losses.Huber(v, target, 0.5),
                     v => Losses.BinaryCrossEntropyWithLogits(v, target),
                     v => Losses.SoftmaxCrossEntropy(v, [2, 0]),
                 })
        {
            AutodiffGradientCheck.Compare(f, x).Passed(1e-7).Should().BeTrue();
        }
    }

    [Fact]
    public void Bad_labels_and_shapes_are_named()
    {
        var logits = V(new[,] { { 1.0, 2.0 } });
        FluentActions.Invoking(() => Losses.SoftmaxCrossEntropy(logits, [2])).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*labels[0] = 2*0..1*");
        FluentActions.Invoking(() => Losses.SoftmaxCrossEntropy(logits, [0, 1])).Should().Throw<ArgumentException>().WithMessage("*2 labels*1x2*");
        FluentActions.Invoking(() => Losses.MeanSquaredError(logits, V(new[,] { { 1.0 } }))).Should().Throw<ArgumentException>().WithMessage("*1x2*1x1*");
    }
}
