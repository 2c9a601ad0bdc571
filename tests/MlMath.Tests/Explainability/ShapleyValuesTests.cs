using MathNet.Numerics.LinearAlgebra;
using MlMath.Explainability;
using static MlMath.Tests.Explainability.ExplainabilityFixtures;

namespace MlMath.Tests.Explainability;

public sealed class ShapleyValuesTests
{
    /// <summary>A nonlinear model of 5 features with interactions, used by several tests.</summary>
    internal static double Nonlinear(Vector<double> x) =>
        (2 * x[0]) + (x[1] * x[2]) + Math.Sin(x[3]) + (0.5 * x[0] * x[4] * x[4]) + Math.Max(x[1], x[3]);

    internal static Matrix<double> Background(int rows, int features, int seed)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(rows, features, (_, _) => (random.NextDouble() * 4) - 2);
    }

    [Fact]
    public void Max_of_three_features_matches_the_values_computed_by_hand_over_the_six_orderings()
    {
        // v(S) = max_{j in S} x_j (0 for the empty set) with x = (1, 2, 3): averaging each feature's marginal contribution
        // over the 3! orderings gives phi = (2/6, 5/6, 11/6).
        var result = ShapleyValues.Exact(RowWise(x => Math.Max(0, x.Maximum())), Vector(1, 2, 3), Vector(0, 0, 0));
        result.Values.ToArray().Should().Equal([2.0 / 6, 5.0 / 6, 11.0 / 6], (a, b) => Math.Abs(a - b) < 1e-15);
        (result.BaseValue, result.Prediction).Should().Be((0.0, 3.0));
    }

    [Fact]
    public void Product_plus_a_feature_splits_the_interaction_equally()
    {
        // f = x0 x1 + x2 at x = (1, 1, 1), baseline 0: phi = (1/2, 1/2, 1).
        var result = ShapleyValues.Exact(RowWise(x => (x[0] * x[1]) + x[2]), Vector(1, 1, 1), Vector(0, 0, 0));
        result.Values.ToArray().Should().Equal(0.5, 0.5, 1.0);
    }

    [Fact]
    public void Efficiency_the_values_sum_to_the_prediction_minus_the_mean_background_prediction()
    {
        var predictor = RowWise(Nonlinear);
        var background = Background(30, 5, 1);
        var x = Vector(1.2, -0.7, 1.9, 0.4, -1.5);
        var result = ShapleyValues.Exact(predictor, x, background);
        result.Prediction.Should().BeApproximately(Nonlinear(x), 1e-15);
        result.BaseValue.Should().BeApproximately(predictor(background).Average(), 1e-12);
        result.Values.Sum().Should().BeApproximately(Nonlinear(x) - predictor(background).Average(), 1e-12);
        Math.Abs(result.EfficiencyGap).Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Symmetry_and_dummy_axioms_hold()
    {
        // Features 0 and 1 enter symmetrically with equal values; feature 3 is never used.
        var predictor = RowWise(x => Math.Exp(x[0] + x[1]) * x[2]);
        var result = ShapleyValues.Exact(predictor, Vector(0.3, 0.3, 2.0, 5.0), Vector(-1, -1, 0.5, 0.0));
        result.Values[0].Should().BeApproximately(result.Values[1], 1e-14);
        result.Values[3].Should().Be(0.0);
        result.Values[2].Should().BeGreaterThan(0.0);
    }

    [Fact]
    public void Linearity_the_values_of_a_f_plus_b_g_are_a_phi_f_plus_b_phi_g()
    {
        var background = Background(10, 5, 2);
        var x = Vector(0.5, 1.0, -1.0, 2.0, 0.1);
        static double G(Vector<double> z) => z[0] * z[3] * z[4] - z[2];
        var phiF = ShapleyValues.Exact(RowWise(Nonlinear), x, background).Values;
        var phiG = ShapleyValues.Exact(RowWise(G), x, background).Values;
        var phiSum = ShapleyValues.Exact(RowWise(z => (2 * Nonlinear(z)) - (3 * G(z))), x, background).Values;
        (phiSum - ((2 * phiF) - (3 * phiG))).AbsoluteMaximum().Should().BeLessThan(1e-12);
    }

    [Fact]
    public void For_a_linear_model_with_a_background_phi_j_is_w_j_times_x_j_minus_the_background_mean()
    {
        double[] w = [1.5, -2.0, 0.25, 3.0];
        var background = Background(25, 4, 3);
        var x = Vector(1.0, 2.0, -1.0, 0.5);
        var result = ShapleyValues.Exact(RowWise(z => 0.3 + w.Select((wj, j) => wj * z[j]).Sum()), x, background);
        var mean = background.ColumnSums() / background.RowCount;
        for (var j = 0; j < 4; j++) result.Values[j].Should().BeApproximately(w[j] * (x[j] - mean[j]), 1e-12);
    }

    [Fact]
    public void Too_many_features_or_a_baseline_of_the_wrong_length_are_rejected()
    {
        var predictor = RowWise(x => x.Sum());
        FluentActions.Invoking(() => ShapleyValues.Exact(predictor, Vector(new double[16]), Vector(new double[16]))).Should()
            .Throw<ArgumentException>().WithMessage("ShapleyValues.Exact: 16 features need 2^16 coalitions; exact Shapley values support at most 15 features. Use KernelShap*");
        FluentActions.Invoking(() => ShapleyValues.Exact(predictor, Vector(1, 2, 3), Vector(0, 0))).Should()
            .Throw<ArgumentException>().WithMessage("*baseline) is 1x2 but the instance has 3 features*");
        FluentActions.Invoking(() => ShapleyValues.Exact(x => Vector(1.0), Vector(1, 2), Vector(0, 0))).Should()
            .Throw<InvalidOperationException>().WithMessage("*returned 1 predictions for 4 rows*");
    }
}
