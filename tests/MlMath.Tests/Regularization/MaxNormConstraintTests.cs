using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;
using MlMath.Regularization;

namespace MlMath.Tests.Regularization;

public sealed class MaxNormConstraintTests
{
    [Fact]
    public void Columns_longer_than_c_are_projected_onto_the_ball_and_others_are_untouched()
    {
        // Column norms: 5 (3-4-0), 1 (0-0-1), 13 (5-12-0) with c = 2.
        var weight = new Parameter(DenseMatrix.OfArray(new[,] { { 3.0, 0.0, 5.0 }, { 4.0, 0.0, 12.0 }, { 0.0, 1.0, 0.0 } }));
        var rescaled = new MaxNormConstraint(2.0).Apply(weight);
        rescaled.Should().Be(2);
        (weight.Value.Column(0) - DenseVector.OfArray([1.2, 1.6, 0.0])).InfinityNorm().Should().BeLessThan(1e-15);
        weight.Value.Column(1).ToArray().Should().Equal(0.0, 0.0, 1.0);
        weight.Value.Column(2).L2Norm().Should().BeApproximately(2.0, 1e-15);
        (weight.Value.Column(2) / 2.0 - DenseVector.OfArray([5.0 / 13, 12.0 / 13, 0.0])).InfinityNorm().Should().BeLessThan(1e-15);
    }

    [Fact]
    public void Applying_twice_changes_nothing_more()
    {
        var weight = new Parameter(DenseMatrix.OfArray(new[,] { { 3.0, 0.1 }, { 4.0, 0.2 } }));
        var constraint = new MaxNormConstraint(1.0);
        constraint.Apply(weight);
        var once = weight.Value.Clone();
        constraint.Apply(weight).Should().Be(0);
        weight.Value.Equals(once).Should().BeTrue();
    }

    [Fact]
    public void Max_norm_must_be_positive()
    {
        FluentActions.Invoking(() => new MaxNormConstraint(0.0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*maxNorm = 0*");
    }
}
