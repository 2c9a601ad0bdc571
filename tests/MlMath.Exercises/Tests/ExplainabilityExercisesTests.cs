using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Explainability;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Exercises.Tests;

/// <summary>Checks for exercises 6.1 to 6.3 against closed forms and the library.</summary>
public sealed class ExplainabilityExercisesTests
{
    [Fact]
    public void Exercise_6_1_is_exact_on_a_linear_model_and_on_a_product_with_one_step()
    {
        var w = DenseVector.OfArray([2.0, -3.0, 0.5]);
        var x = DenseVector.OfArray([1.0, 2.0, -1.0]);
        var baseline = DenseVector.OfArray([0.5, 0.0, 1.0]);
        var ig = ExplainabilityExercises.IntegratedGradients(_ => w, x, baseline, 7);
        ig.ToArray().Should().Equal([1.0, -6.0, -1.0], (a, b) => Math.Abs(a - b) < 1e-14);

        var product = ExplainabilityExercises.IntegratedGradients(z => DenseVector.OfArray([z[1], z[0]]), DenseVector.OfArray([3.0, -2.0]), DenseVector.OfArray([0.0, 0.0]), 1);
        product.ToArray().Should().Equal(-3.0, -3.0);
    }

    [Fact]
    public void Exercise_6_1_matches_the_library_on_a_nonlinear_function()
    {
        // f(x) = tanh(x0) x1 + x2^3, gradient ((1 - tanh(x0)^2) x1, tanh(x0), 3 x2^2).
        static Vector<double> Gradient(Vector<double> z) => DenseVector.OfArray([(1 - (Math.Tanh(z[0]) * Math.Tanh(z[0]))) * z[1], Math.Tanh(z[0]), 3 * z[2] * z[2]]);
        var x = DenseVector.OfArray([1.0, 2.0, -1.5]);
        var mine = ExplainabilityExercises.IntegratedGradients(Gradient, x, DenseVector.OfArray([0.0, 0.0, 0.0]), 20);
        var library = IntegratedGradients.Compute(
            v => v.SliceColumns(0, 1).Tanh().PointwiseMultiply(v.SliceColumns(1, 1)) + v.SliceColumns(2, 1).Pow(3), x.ToRowMatrix(), 0,
            DenseVector.OfArray([0.0, 0.0, 0.0]), 20, RiemannRule.Midpoint);
        (mine - library.Attributions.Row(0)).AbsoluteMaximum().Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Exercise_6_2_gives_the_hand_computed_values_of_the_max_game_and_agrees_with_the_library()
    {
        double[] x = [1, 2, 3];
        double Max(int mask) => Enumerable.Range(0, 3).Where(j => (mask & (1 << j)) != 0).Select(j => x[j]).DefaultIfEmpty(0).Max();
        ExplainabilityExercises.ShapleyValues(Max, 3).Should().Equal([1.0 / 3, 5.0 / 6, 11.0 / 6], (a, b) => Math.Abs(a - b) < 1e-15);

        // A 4-feature model against a baseline: v(S) = f(x_S, baseline_rest).
        static double F(Vector<double> z) => (z[0] * z[1]) + Math.Exp(z[2]) - (z[3] * z[0]);
        var point = DenseVector.OfArray([1.0, -2.0, 0.5, 3.0]);
        var reference = DenseVector.OfArray([0.2, 0.1, -1.0, 0.0]);
        double Value(int mask) => F(DenseVector.Create(4, j => (mask & (1 << j)) != 0 ? point[j] : reference[j]));
        var library = ShapleyValues.Exact(m => DenseVector.Create(m.RowCount, i => F(m.Row(i))), point, reference);
        ExplainabilityExercises.ShapleyValues(Value, 4).Should().Equal(library.Values.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Exercise_6_3_keeps_the_body_bit_identical_while_the_new_head_trains()
    {
        var model = ExplainabilityExercises.NewHeadOnFrozenBody(Mlp.Create([4, 8, 3], ActivationKind.Tanh, new Random(1)), 2, new Random(2));
        model.Forward(DenseMatrix.Create(5, 4, 0.5)).Columns.Should().Be(2);
        var body = model.Layers[0].Parameters().SelectMany(p => p.Value.Enumerate()).ToArray();
        var head = model.Layers[^1].Parameters().SelectMany(p => p.Value.Enumerate()).ToArray();
        var optimizer = new AdamW(model.Parameters(), 0.05, weightDecay: 0.1);
        var random = new Random(3);
        var x = DenseMatrix.Create(20, 4, (_, _) => random.NextDouble() - 0.5);
        var labels = Enumerable.Range(0, 20).Select(i => x[i, 0] > 0 ? 1 : 0).ToArray();
        for (var step = 0; step < 20; step++)
        {
            optimizer.ZeroGrad();
            Losses.SoftmaxCrossEntropy(model.Forward(x), labels).Backward();
            optimizer.Step();
        }

        model.Layers[0].Parameters().SelectMany(p => p.Value.Enumerate()).Should().Equal(body);
        model.Layers[^1].Parameters().SelectMany(p => p.Value.Enumerate()).Should().NotEqual(head);
    }
}
