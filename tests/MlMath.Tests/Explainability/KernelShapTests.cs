using MathNet.Numerics.LinearAlgebra;
using MlMath.Explainability;
using static MlMath.Tests.Explainability.ExplainabilityFixtures;

namespace MlMath.Tests.Explainability;

public sealed class KernelShapTests
{
    [Fact]
    public void With_every_coalition_enumerated_Kernel_SHAP_equals_the_exact_values()
    {
        var predictor = RowWise(ShapleyValuesTests.Nonlinear);
        var background = ShapleyValuesTests.Background(20, 5, 4);
        var x = Vector(1.2, -0.7, 1.9, 0.4, -1.5);
        var exact = ShapleyValues.Exact(predictor, x, background);
        var kernel = KernelShap.Explain(predictor, x, background, sampleCount: 30, new Random(0));
        (kernel.Values - exact.Values).AbsoluteMaximum().Should().BeLessThan(1e-10);
        kernel.BaseValue.Should().BeApproximately(exact.BaseValue, 1e-12);
    }

    [Fact]
    public void Sampled_Kernel_SHAP_is_within_tolerance_of_exact_and_improves_with_more_samples()
    {
        // 10 features: 1022 proper coalitions; sampling fewer than that.
        var random = new Random(5);
        var w = Enumerable.Range(0, 10).Select(_ => random.NextDouble() - 0.5).ToArray();
        double F(Vector<double> z) => Math.Tanh(w.Select((wj, j) => wj * z[j]).Sum()) + (z[0] * z[1]) + (0.3 * z[2] * z[3] * z[4]);
        var background = ShapleyValuesTests.Background(8, 10, 6);
        var x = Vector<double>.Build.Dense(10, j => 1.5 - (0.3 * j));
        var exact = ShapleyValues.Exact(RowWise(F), x, background);
        double Error(int samples, int seed) =>
            (KernelShap.Explain(RowWise(F), x, background, samples, new Random(seed)).Values - exact.Values).AbsoluteMaximum();

        var scale = exact.Values.AbsoluteMaximum();
        var few = Enumerable.Range(0, 5).Average(seed => Error(60, seed));
        var many = Enumerable.Range(0, 5).Average(seed => Error(800, seed));
        many.Should().BeLessThan(0.05 * scale);
        many.Should().BeLessThan(few);
        Math.Abs(KernelShap.Explain(RowWise(F), x, background, 100, new Random(1)).EfficiencyGap).Should().BeLessThan(1e-12);
    }

    [Fact]
    public void A_linear_model_is_recovered_exactly_from_a_few_sampled_coalitions()
    {
        double[] w = [1.0, -2.0, 0.5, 3.0, -1.0, 0.25, 2.0, -0.5, 1.5, 0.75, -3.0, 0.1];
        var x = Vector<double>.Build.Dense(12, j => j - 5.0);
        var baseline = Vector<double>.Build.Dense(12, j => 0.5 * j);
        var result = KernelShap.Explain(RowWise(z => w.Select((wj, j) => wj * z[j]).Sum()), x, baseline, 200, new Random(2));
        for (var j = 0; j < 12; j++) result.Values[j].Should().BeApproximately(w[j] * (x[j] - baseline[j]), 1e-9);
    }

    [Fact]
    public void Kernel_weights_follow_the_Shapley_kernel_and_bad_inputs_are_rejected()
    {
        KernelShap.KernelWeight(4, 1).Should().BeApproximately(3.0 / (4 * 1 * 3), 1e-15);
        KernelShap.KernelWeight(4, 2).Should().BeApproximately(3.0 / (6 * 2 * 2), 1e-15);
        FluentActions.Invoking(() => KernelShap.KernelWeight(4, 4)).Should().Throw<ArgumentOutOfRangeException>();
        var predictor = RowWise(z => z.Sum());
        FluentActions.Invoking(() => KernelShap.Explain(predictor, Vector(1, 2, 3), Vector(0, 0, 0), 1, new Random(0))).Should()
            .Throw<ArgumentOutOfRangeException>().WithMessage("KernelShap.Explain: sampleCount must be at least 2*");
        FluentActions.Invoking(() => KernelShap.Explain(predictor, Vector<double>.Build.Dense(20, 1.0), Vector<double>.Build.Dense(20), 4, new Random(0)))
            .Should().Throw<InvalidOperationException>().WithMessage("*increase sampleCount*");
        FluentActions.Invoking(() => KernelShap.Explain(predictor, Vector(1, 2, 3), Vector(0, 0), 10, new Random(0))).Should()
            .Throw<ArgumentException>().WithMessage("*same number of features*");
    }
}
