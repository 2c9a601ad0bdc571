using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.LinearAlgebra;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using static MlMath.Tests.Autodiff.GradientTestKit;

namespace MlMath.Tests.Autodiff;

/// <summary>
/// Leaves that own gradient storage (after <c>ZeroGrad(reuseStorage: true)</c>, or an existing Grad) get their
/// gradients written into it by the backward rules and the engine (LeafGradientSink). The reference is always a
/// pass that writes nothing in place: <see cref="Gradients.Of"/> with createGraph, whose rules are built from
/// Variable operations and which never touches Grad.
/// </summary>
public sealed class GradientStorageReuseTests
{
    [Fact]
    public void Reused_storage_receives_the_reference_gradient_of_every_product_form()
    {
        var rng = new Random(11);
        var x = new Variable(RandomMatrix(rng, 40, 30), requiresGrad: true);
        var w = new Variable(RandomMatrix(rng, 30, 20, -0.3, 0.3), requiresGrad: true);
        var v = new Variable(RandomMatrix(rng, 25, 20, -0.3, 0.3), requiresGrad: true);
        var u = new Variable(RandomMatrix(rng, 40, 25, -0.3, 0.3), requiresGrad: true);
        var b = new Variable(RandomMatrix(rng, 1, 20), requiresGrad: true);
        Variable[] leaves = [x, w, v, u, b];

        Variable Loss()
        {
            var h = Variable.Affine(x, w, b, FusedActivation.Tanh);       // 40 x 20: dx = gz W^T, dW = x^T gz
            var p = Variable.MatMulTransposeB(h, v);                      // 40 x 25: dh = g V, dV = g^T h
            var q = Variable.MatMulTransposeA(u, p);                      // 25 x 25: dU = p g^T, dp = U g
            var r = Variable.MatMul(q, v);                                // 25 x 20: dq = g V^T, dV += q^T g
            return q.Square().Sum() + r.Tanh().Sum() + (x * w).Sigmoid().Mean(); // x and w used twice
        }

        var reference = Gradients.Of(Loss(), leaves, createGraph: true).Select(g => g.Value.Clone()).ToArray();
        Loss().Backward(); // first pass: no storage yet, gradients are adopted
        var storage = leaves.Select(l => l.Grad!).ToArray();
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var leaf in leaves) leaf.ZeroGrad(reuseStorage: true);
            leaves.Should().OnlyContain(l => l.Grad == null);
            Loss().Backward();
            for (var i = 0; i < leaves.Length; i++)
            {
                leaves[i].Grad.Should().BeSameAs(storage[i], $"leaf {i} writes into its kept matrix");
                WorstRelative(leaves[i].Grad!, reference[i]).Should().BeLessThan(1e-13, $"leaf {i}, pass {pass}");
            }
        }
    }

    [Fact]
    public void A_single_use_weight_gets_bit_for_bit_the_gradient_of_a_fresh_pass()
    {
        // Overwriting kept storage runs the same kernel on a zeroed matrix as a fresh pass: same bits, so training
        // with an optimizer (which reuses storage) is identical to training with plain ZeroGrad().
        var rng = new Random(12);
        var x = Variable.Constant(RandomMatrix(rng, 64, 200));
        var w = new Variable(RandomMatrix(rng, 200, 128, -0.1, 0.1), requiresGrad: true); // 25,600 doubles: a large object
        var b = new Variable(RandomMatrix(rng, 1, 128), requiresGrad: true);
        Variable Loss() => Variable.Affine(x, w, b, FusedActivation.Relu).Square().Mean();

        Loss().Backward();
        var fresh = w.Grad!.Clone();
        var kept = w.Grad;
        w.ZeroGrad(reuseStorage: true);
        kept.Clear(); // whatever the kept matrix holds must not leak into the next gradient
        kept.Add(1e300, kept);
        Loss().Backward();
        w.Grad.Should().BeSameAs(kept);
        ((DenseMatrix)w.Grad!).Values.Should().Equal(((DenseMatrix)fresh).Values);
    }

    [Fact]
    public void Without_ZeroGrad_later_passes_add_into_the_same_matrix()
    {
        var rng = new Random(13);
        var x = Variable.Constant(RandomMatrix(rng, 10, 6));
        var w = new Variable(RandomMatrix(rng, 6, 4), requiresGrad: true);
        Variable Loss() => (x * w).Tanh().Sum();

        var once = Gradients.Of(Loss(), [w])[0].Value;
        Loss().Backward();
        var first = w.Grad;
        Loss().Backward();
        w.Grad.Should().BeSameAs(first);
        WorstRelative(w.Grad!, 2.0 * once).Should().BeLessThan(1e-15);
    }

    [Fact]
    public void A_leaf_the_pass_does_not_reach_keeps_a_null_gradient()
    {
        var rng = new Random(14);
        var used = new Variable(RandomMatrix(rng, 5, 5), requiresGrad: true);
        var unused = new Variable(RandomMatrix(rng, 5, 5), requiresGrad: true);
        (used * unused).Sum().Backward();
        used.ZeroGrad(reuseStorage: true);
        unused.ZeroGrad(reuseStorage: true);
        used.Square().Sum().Backward();
        used.Grad.Should().NotBeNull();
        unused.Grad.Should().BeNull("the second pass never reached it; optimizers then skip it");
    }

    [Fact]
    public void Storage_that_is_also_a_forward_value_is_not_written_during_the_pass()
    {
        // w's kept gradient matrix is used as a constant in the next forward pass: writing w's new gradient into it
        // mid-pass would change a value a backward rule still reads.
        var rng = new Random(15);
        var x = Variable.Constant(RandomMatrix(rng, 8, 5));
        var w = new Variable(RandomMatrix(rng, 5, 5), requiresGrad: true);
        (x * w).Square().Sum().Backward();
        var oldGradient = w.Grad!;
        var snapshot = oldGradient.Clone();
        w.ZeroGrad(reuseStorage: true);

        Variable Loss() => (x * w * Variable.Constant(oldGradient)).Square().Sum();
        var reference = Gradients.Of(Loss(), [w], createGraph: true)[0].Value.Clone();
        Loss().Backward();
        oldGradient.Should().BeEquivalentTo(snapshot, "the forward value it also is was left alone");
        w.Grad.Should().NotBeSameAs(oldGradient);
        WorstRelative(w.Grad!, reference).Should().BeLessThan(1e-13);
    }

    [Fact]
    public void Optimizer_training_with_reused_storage_is_bit_identical_to_training_with_fresh_gradients()
    {
        Matrix<double> Train(bool optimizerZeroGrad)
        {
            var rng = new Random(16);
            var model = Mlp.Create([80, 150, 3], ActivationKind.Tanh, rng); // 80 x 150 = 12,000 doubles: a large object
            var adam = new Adam(model.Parameters(), 1e-2);
            var x = Variable.Constant(RandomMatrix(rng, 90, 80));
            var labels = Enumerable.Range(0, 90).Select(i => i % 3).ToArray();
            for (var step = 0; step < 5; step++)
            {
                if (optimizerZeroGrad) adam.ZeroGrad();
                else model.ZeroGrad();
                Losses.SoftmaxCrossEntropy(model.Forward(x), labels).Backward();
                adam.Step();
            }

            return model.Parameters().First().Value.Clone();
        }

        var reused = (DenseMatrix)Train(optimizerZeroGrad: true);
        var fresh = (DenseMatrix)Train(optimizerZeroGrad: false);
        reused.Values.Should().Equal(fresh.Values);
    }

    [Fact]
    public void Anomaly_mode_still_names_the_op_when_leaves_have_storage()
    {
        var w = new Variable(DenseMatrix.OfArray(new[,] { { 0.0, 1.0 } }), requiresGrad: true);
        var x = Variable.Constant(DenseMatrix.OfArray(new[,] { { 1.0 }, { 2.0 } }));
        (x * w).Sum().Backward();
        w.ZeroGrad(reuseStorage: true);
        var act = () =>
        {
            using var anomaly = AnomalyMode.Enable();
            (x * w).Sqrt().Sum().Backward(); // d sqrt(z)/dz = 1 / (2 sqrt z) is infinite at z = 0
        };
        act.Should().Throw<InvalidOperationException>().WithMessage("*Sqrt*");
    }

    [Fact]
    public void MatrixProduct_gradient_into_storage_matches_the_reference_product()
    {
        // The direct write uses MatrixProduct's accumulating kernel: check it once against the triple loop.
        var rng = new Random(17);
        var a = new Variable(RandomMatrix(rng, 33, 17), requiresGrad: true);
        var c = Variable.Constant(RandomMatrix(rng, 17, 9));
        (a * c).Sum().Backward();
        a.ZeroGrad(reuseStorage: true);
        var g = RandomMatrix(rng, 33, 9);
        (a * c).Backward(g);
        WorstRelative(a.Grad!, MatrixProduct.MultiplyReference(g, c.Value.Transpose())).Should().BeLessThan(1e-14);
    }

    [Fact]
    public void A_large_layers_gradients_computed_in_column_halves_equal_the_products_they_stand_for()
    {
        // 128 x 64 x 64 products (2^19 multiply-adds): the Affine rule runs in two halves of the output columns, one
        // per core. dW = x^T gz must be bit-for-bit the public product; dx is the sum of the two halves' partial
        // products, gz[:, :32] W[:, :32]^T + gz[:, 32:] W[:, 32:]^T, bit for bit.
        var rng = new Random(18);
        var x = new Variable(RandomMatrix(rng, 128, 64), requiresGrad: true);
        var w = new Variable(RandomMatrix(rng, 64, 64, -0.2, 0.2), requiresGrad: true);
        var seed = RandomMatrix(rng, 128, 64);
        for (var pass = 0; pass < 2; pass++) // the second pass writes into the kept storage
        {
            x.ZeroGrad(reuseStorage: true);
            w.ZeroGrad(reuseStorage: true);
            var y = Variable.Affine(x, w, null, FusedActivation.Tanh);
            y.Backward(seed);
            // gz = g (1 - y^2), rounded as the tanh rule rounds it: g - (g y) y in one fused multiply-add.
            var gz = DenseMatrix.Create(128, 64, (i, j) => Math.FusedMultiplyAdd(-seed[i, j] * y.Value[i, j], y.Value[i, j], seed[i, j]));
            var dx = MatrixProduct.MultiplyTransposeB(gz.SubMatrix(0, 128, 0, 32), w.Value.SubMatrix(0, 64, 0, 32))
                + MatrixProduct.MultiplyTransposeB(gz.SubMatrix(0, 128, 32, 32), w.Value.SubMatrix(0, 64, 32, 32));
            ((DenseMatrix)x.Grad!).Values.Should().Equal(((DenseMatrix)dx).Values, $"pass {pass}");
            ((DenseMatrix)w.Grad!).Values.Should().Equal(((DenseMatrix)MatrixProduct.MultiplyTransposeA(x.Value, gz)).Values, $"pass {pass}");
            WorstRelative(x.Grad!, MatrixProduct.MultiplyReference(gz, w.Value.Transpose())).Should().BeLessThan(1e-12);
        }
    }
}
