using MathNet.Numerics.LinearAlgebra;
using MlMath.Explainability;
using static MlMath.Tests.Explainability.ExplainabilityFixtures;

namespace MlMath.Tests.Explainability;

public sealed class PartialDependenceTests
{
    private static readonly Matrix<double> Data = Matrix(new[,] { { 0.0, 1.0 }, { 1.0, -2.0 }, { 2.0, 4.0 }, { -1.0, 0.5 } });

    [Fact]
    public void For_an_additive_model_PD_is_the_feature_effect_plus_the_mean_of_the_rest_and_ICE_curves_are_parallel()
    {
        // f = x0^2 + x1: PD_0(v) = v^2 + mean(x1) = v^2 + 0.875, and every centred ICE curve is v^2 - v_0^2.
        var result = PartialDependence.Compute(RowWise(x => (x[0] * x[0]) + x[1]), Data, 0, [-1.0, 0.0, 0.5, 2.0]);
        result.Average.ToArray().Should().Equal([1.875, 0.875, 1.125, 4.875], (a, b) => Math.Abs(a - b) < 1e-14);
        result.Individual[2, 1].Should().Be(4.0);
        var centred = result.CenteredIndividual();
        for (var i = 0; i < 4; i++) centred.Row(i).ToArray().Should().Equal(0.0, -1.0, -0.75, 3.0);
    }

    [Fact]
    public void For_an_interaction_the_ICE_slopes_differ_by_sample_although_PD_is_flat()
    {
        // f = x0 x1 with mean(x1) = 0 over two samples: PD is 0, ICE_i(v) = v x1_i.
        var data = Matrix(new[,] { { 0.3, 1.0 }, { -0.2, -1.0 } });
        var result = PartialDependence.Compute(RowWise(x => x[0] * x[1]), data, 0, gridSize: 5);
        result.Grid.ToArray().Should().Equal([-0.2, -0.075, 0.05, 0.175, 0.3], (a, b) => Math.Abs(a - b) < 1e-15);
        result.Average.AbsoluteMaximum().Should().Be(0.0);
        result.Individual.Row(0).ToArray().Should().Equal(result.Grid.ToArray());
        result.Individual.Row(1).ToArray().Should().Equal((-result.Grid).ToArray());
    }

    [Fact]
    public void Bad_feature_index_grid_and_predictor_are_rejected()
    {
        var f = RowWise(x => x.Sum());
        FluentActions.Invoking(() => PartialDependence.Compute(f, Data, 2, [0.0])).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("PartialDependence: feature must be a column index in 0..1, got 2*");
        FluentActions.Invoking(() => PartialDependence.Compute(f, Data, 0, Array.Empty<double>())).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => PartialDependence.Compute(f, Data, 0, gridSize: 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => PartialDependence.Compute(m => Vector(double.NaN), Data, 0, [1.0])).Should().Throw<InvalidOperationException>();
    }
}
