using MlMath.Autodiff;
using MlMath.Explainability;
using static MlMath.Tests.Explainability.ExplainabilityFixtures;

namespace MlMath.Tests.Explainability;

public sealed class IntegratedGradientsTests
{
    private static readonly MathNet.Numerics.LinearAlgebra.Matrix<double> Inputs = Matrix(new[,] { { 1.0, 2.0, -1.0 }, { -0.5, 0.3, 4.0 } });

    [Theory]
    [InlineData(RiemannRule.Left, 1)]
    [InlineData(RiemannRule.Right, 3)]
    [InlineData(RiemannRule.Midpoint, 2)]
    [InlineData(RiemannRule.Trapezoid, 5)]
    public void On_a_linear_model_attributions_are_w_times_x_minus_baseline_for_every_rule(RiemannRule rule, int steps)
    {
        var baseline = Vector(0.5, -1.0, 2.0);
        var result = IntegratedGradients.Compute(Linear, Inputs, 0, baseline, steps, rule);
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++) result.Attributions[i, j].Should().BeApproximately(LinearWeights[j] * (Inputs[i, j] - baseline[j]), 1e-13);
        }

        result.MaxAbsoluteGap.Should().BeLessThan(1e-12);
        result.GradientEvaluations.Should().Be(rule == RiemannRule.Trapezoid ? steps + 1 : steps);
    }

    [Fact]
    public void Product_x1_x2_splits_equally_hand_computed_and_midpoint_is_exact_for_a_linear_integrand()
    {
        // f = x1 x2 with baseline 0: the gradient along the path is alpha (x2, x1), so IG = (x1 x2 / 2, x1 x2 / 2).
        static Variable Product(Variable x) => x.SliceColumns(0, 1).PointwiseMultiply(x.SliceColumns(1, 1));
        var x = Matrix(new[,] { { 3.0, -2.0 } });
        var midpoint = IntegratedGradients.Compute(Product, x, 0, Vector(0.0, 0.0), steps: 1, RiemannRule.Midpoint);
        midpoint.Attributions.Row(0).ToArray().Should().Equal(-3.0, -3.0);
        var left = IntegratedGradients.Compute(Product, x, 0, Vector(0.0, 0.0), steps: 4, RiemannRule.Left);
        left.Attributions[0, 0].Should().BeApproximately(-6.0 * (0 + 1 + 2 + 3) / 16.0, 1e-14, "left sum of alpha over 4 steps is 6/16");
        left.CompletenessGap[0].Should().BeApproximately(-6.0 * 12 / 16.0 + 6.0, 1e-14);
    }

    [Fact]
    public void On_a_nonlinear_mlp_the_completeness_gap_falls_below_1e_3_and_at_the_order_of_each_rule()
    {
        var model = Mlp3();
        Func<Variable, Variable> f = model.Forward;
        var x = Matrix(new[,] { { 1.5, -2.0, 0.7 }, { -1.0, 3.0, 2.0 } });
        var zero = Vector(0.0, 0.0, 0.0);
        IntegratedGradients.Compute(f, x, 1, zero, 64, RiemannRule.Midpoint).MaxAbsoluteGap.Should().BeLessThan(1e-3);
        IntegratedGradients.Compute(f, x, 1, zero, 64, RiemannRule.Trapezoid).MaxAbsoluteGap.Should().BeLessThan(1e-3);

        double Gap(RiemannRule rule, int m) => IntegratedGradients.Compute(f, x, 1, zero, m, rule).MaxAbsoluteGap;
        (Gap(RiemannRule.Right, 16) / Gap(RiemannRule.Right, 32)).Should().BeInRange(1.6, 2.4, "first order: halving h halves the error");
        (Gap(RiemannRule.Midpoint, 16) / Gap(RiemannRule.Midpoint, 32)).Should().BeInRange(3.2, 4.8, "second order: halving h quarters the error");
        var result = IntegratedGradients.Compute(f, x, 1, zero, 64);
        for (var i = 0; i < 2; i++)
        {
            (result.Attributions.Row(i).Sum() - (result.OutputAtInput[i] - result.OutputAtBaseline[i])).Should().BeApproximately(result.CompletenessGap[i], 1e-14);
        }
    }

    [Fact]
    public void A_feature_the_model_ignores_gets_zero_attribution_and_per_sample_baselines_are_used()
    {
        static Variable IgnoresLast(Variable x) => x.SliceColumns(0, 2).Tanh().SumPerRow();
        var baselines = Matrix(new[,] { { 0.0, 0.0, 9.0 }, { 1.0, 1.0, -9.0 } });
        var result = IntegratedGradients.Compute(IgnoresLast, Inputs, 0, baselines, 100);
        result.Attributions.Column(2).ToArray().Should().Equal(0.0, 0.0);
        result.OutputAtBaseline[1].Should().BeApproximately(2 * Math.Tanh(1.0), 1e-15);
        result.MaxAbsoluteGap.Should().BeLessThan(1e-4);
    }

    [Fact]
    public void Bad_baseline_shape_and_zero_steps_are_rejected()
    {
        FluentActions.Invoking(() => IntegratedGradients.Compute(Linear, Inputs, 0, Vector(0.0, 0.0), 10)).Should().Throw<ArgumentException>()
            .WithMessage("IntegratedGradients: baseline is 1x2 but the input is 2x3; the baseline must be 1x3 (shared) or 2x3 (one per sample)*");
        FluentActions.Invoking(() => IntegratedGradients.Compute(Linear, Inputs, 0, Matrix(new double[3, 3]), 10)).Should().Throw<ArgumentException>()
            .WithMessage("*baseline is 3x3*");
        FluentActions.Invoking(() => IntegratedGradients.Compute(Linear, Inputs, 0, Vector(0.0, 0.0, 0.0), 0)).Should()
            .Throw<ArgumentOutOfRangeException>().WithMessage("IntegratedGradients: steps must be at least 1, got 0*");
    }
}
