using MathNet.Numerics.LinearAlgebra;
using MlMath.Explainability;
using MlMath.LinearAlgebra;

namespace MlMath.Tests.Explainability;

public sealed class PermutationImportanceTests
{
    private static double MeanSquaredError(Vector<double> y, Vector<double> p) => (y - p).PointwisePower(2).Average();

    /// <summary>y = 3 x0 + 1.5 x1 + 0.5 x2 + noise, with x3..x5 pure noise features; x ~ U(-1, 1) (variance 1/3).</summary>
    private static (Matrix<double> X, Vector<double> Y) Synthetic(int n, Random random)
    {
        var x = Matrix<double>.Build.Dense(n, 6, (_, _) => (2 * random.NextDouble()) - 1);
        var y = Vector<double>.Build.Dense(n, i => (3 * x[i, 0]) + (1.5 * x[i, 1]) + (0.5 * x[i, 2]) + (0.1 * ((2 * random.NextDouble()) - 1)));
        return (x, y);
    }

    [Fact]
    public void A_fitted_model_ranks_the_informative_features_first_and_the_noise_features_near_zero()
    {
        var random = new Random(1);
        var (trainX, trainY) = Synthetic(400, random);
        var (testX, testY) = Synthetic(400, random);
        var w = LeastSquares.Qr(trainX, trainY).Solution;
        var result = PermutationImportance.Compute(x => x * w, testX, testY, MeanSquaredError, higherIsBetter: false, repeats: 5, new Random(2));

        result.Ranking().Take(3).Should().Equal(0, 1, 2);
        for (var j = 3; j < 6; j++) Math.Abs(result.Importances[j]).Should().BeLessThan(0.002);

        // For a linear model and MSE, E[importance_j] = 2 w_j^2 Var(x_j) (the shuffled column is an independent copy).
        result.Importances[0].Should().BeApproximately(2 * 9 / 3.0, 0.15 * 6);
        result.Importances[1].Should().BeApproximately(2 * 2.25 / 3.0, 0.15 * 1.5);
        result.StandardDeviations[0].Should().BeGreaterThan(0);
        result.PermutedScores.RowCount.Should().Be(6);
        result.PermutedScores.ColumnCount.Should().Be(5);
    }

    [Fact]
    public void A_score_where_higher_is_better_gives_positive_importance_and_one_repeat_has_zero_deviation()
    {
        var random = new Random(3);
        var x = Matrix<double>.Build.Dense(300, 3, (_, _) => random.NextDouble() - 0.5);
        var labels = Vector<double>.Build.Dense(300, i => x[i, 1] > 0 ? 1 : 0);
        static double Accuracy(Vector<double> y, Vector<double> p) => y.Select((v, i) => v == p[i] ? 1.0 : 0.0).Average();
        Func<Matrix<double>, Vector<double>> classifier = m => Vector<double>.Build.Dense(m.RowCount, i => m[i, 1] > 0 ? 1 : 0);

        var result = PermutationImportance.Compute(classifier, x, labels, Accuracy, higherIsBetter: true, repeats: 1, new Random(4));
        result.BaselineScore.Should().Be(1.0);
        result.Importances[1].Should().BeInRange(0.4, 0.6, "a shuffled decisive feature leaves a coin flip");
        result.Importances[0].Should().Be(0.0);
        result.StandardDeviations.ToArray().Should().Equal(0.0, 0.0, 0.0);
        var again = PermutationImportance.Compute(classifier, x, labels, Accuracy, true, 1, new Random(4));
        again.PermutedScores.Should().BeEquivalentTo(result.PermutedScores);
    }

    [Fact]
    public void Mismatched_targets_and_zero_repeats_are_rejected()
    {
        var x = Matrix<double>.Build.Dense(4, 2, 1.0);
        FluentActions.Invoking(() => PermutationImportance.Compute(m => m.Column(0), x, Vector<double>.Build.Dense(3), MeanSquaredError, false, 2, new Random(0)))
            .Should().Throw<ArgumentException>().WithMessage("PermutationImportance: features are 4x2 with 3 targets*");
        FluentActions.Invoking(() => PermutationImportance.Compute(m => m.Column(0), x, Vector<double>.Build.Dense(4), MeanSquaredError, false, 0, new Random(0)))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*repeats must be at least 1*");
    }
}
