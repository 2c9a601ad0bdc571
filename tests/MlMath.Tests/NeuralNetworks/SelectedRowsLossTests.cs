using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.NeuralNetworks;

/// <summary>
/// The fused cross-entropy over selected rows against its definition, the composition
/// SoftmaxCrossEntropy(GatherRows(rows), labels): equal to the last bit in value and gradient, and in the
/// second-order (createGraph) gradient; plus the closed form (softmax - one-hot) / m.
/// </summary>
public sealed class SelectedRowsLossTests
{
    [Theory]
    [InlineData(50, 7, 12, 1.0)]
    [InlineData(300, 3, 40, -2.5)] // another seed gradient
    public void Value_and_gradient_equal_the_composition_bit_for_bit(int n, int classes, int m, double seed)
    {
        var rng = new Random(n);
        var logits = new Variable(GradientTestKit.RandomMatrix(rng, n, classes, -4, 4), requiresGrad: true);
        var rows = Enumerable.Range(0, m).Select(_ => rng.Next(n)).ToArray();
        rows[1] = rows[0]; // a row selected twice: its gradients add
        var labels = rows.Select(_ => rng.Next(classes)).ToArray();

        var fused = Losses.SoftmaxCrossEntropy(logits, rows, labels);
        fused.Backward(DenseMatrix.Create(1, 1, seed));
        var fusedGradient = logits.Grad!.Clone();
        logits.ZeroGrad();
        var composed = Losses.SoftmaxCrossEntropy(logits.GatherRows(rows), labels);
        composed.Backward(DenseMatrix.Create(1, 1, seed));

        BitConverter.DoubleToInt64Bits(fused.Item).Should().Be(BitConverter.DoubleToInt64Bits(composed.Item));
        ((DenseMatrix)fusedGradient).Values.Should().Equal(((DenseMatrix)logits.Grad!).Values);
    }

    [Fact]
    public void Gradient_is_softmax_minus_one_hot_over_m_in_the_selected_rows()
    {
        var logits = new Variable(DenseMatrix.OfArray(new[,] { { 2.0, 1.0, 0.1 }, { 5.0, 5.0, 5.0 }, { 0.0, 0.0, 3.0 } }), requiresGrad: true);
        int[] rows = [0, 2];
        int[] labels = [0, 2];
        Losses.SoftmaxCrossEntropy(logits, rows, labels).Backward();
        var p = MlMath.LinearAlgebra.StableFunctions.SoftmaxRows(logits.Value);
        for (var j = 0; j < 3; j++)
        {
            logits.Grad![0, j].Should().BeApproximately((p[0, j] - (j == 0 ? 1 : 0)) / 2, 1e-15);
            logits.Grad[1, j].Should().Be(0.0); // not selected
            logits.Grad[2, j].Should().BeApproximately((p[2, j] - (j == 2 ? 1 : 0)) / 2, 1e-15);
        }
    }

    [Fact]
    public void Second_order_gradients_equal_the_compositions()
    {
        var rng = new Random(9);
        var w = new Variable(GradientTestKit.RandomMatrix(rng, 4, 5), requiresGrad: true);
        var x = Variable.Constant(GradientTestKit.RandomMatrix(rng, 30, 4));
        int[] rows = [3, 7, 7, 20, 29];
        int[] labels = [0, 4, 1, 2, 3];
        Variable GradientNormSquared(Func<Variable, Variable> loss)
        {
            var g = Gradients.Of(loss(x * w), w, createGraph: true);
            return g.Square().Sum();
        }

        var fused = Gradients.Of(GradientNormSquared(z => Losses.SoftmaxCrossEntropy(z, rows, labels)), w).Value;
        var composed = Gradients.Of(GradientNormSquared(z => Losses.SoftmaxCrossEntropy(z.GatherRows(rows), labels)), w).Value;
        GradientTestKit.WorstRelative(fused, composed).Should().BeLessThan(1e-13);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var logits = new Variable(new DenseMatrix(4, 3));
        var badRow = () => Losses.SoftmaxCrossEntropy(logits, [0, 4], [0, 1]);
        badRow.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*rows[1] = 4*");
        var badLabel = () => Losses.SoftmaxCrossEntropy(logits, [0, 1], [0, 3]);
        badLabel.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*labels[1] = 3*");
        var counts = () => Losses.SoftmaxCrossEntropy(logits, [0, 1], [0]);
        counts.Should().Throw<ArgumentException>().WithMessage("*2 rows and 1 labels*");
        var empty = () => Losses.SoftmaxCrossEntropy(logits, [], []);
        empty.Should().Throw<ArgumentException>();
        var minusInfinity = new Variable(DenseMatrix.Create(2, 2, double.NegativeInfinity));
        var allMinusInfinity = () => Losses.SoftmaxCrossEntropy(minusInfinity, [1], [0]);
        allMinusInfinity.Should().Throw<ArgumentException>().WithMessage("*row 1 of logits*");
    }
}
