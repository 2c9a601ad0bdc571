using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Regularization;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.Regularization;

public sealed class PenaltyTests
{
    private static Parameter[] TwoWeights(Random rng) =>
        [new Parameter(GradientTestKit.RandomAwayFromZero(rng, 3, 4)), new Parameter(GradientTestKit.RandomAwayFromZero(rng, 4, 2))];

    [Fact]
    public void Values_are_the_documented_norms()
    {
        var weights = TwoWeights(new Random(1));
        var all = weights.SelectMany(w => w.Value.Enumerate()).ToArray();
        var squares = all.Sum(v => v * v);
        var absolutes = all.Sum(Math.Abs);
        Penalties.L2(weights, 0.3).Item.Should().BeApproximately(0.15 * squares, 1e-13);
        Penalties.L1(weights, 0.3).Item.Should().BeApproximately(0.3 * absolutes, 1e-13);
        Penalties.ElasticNet(weights, 0.3, 0.25).Item.Should().BeApproximately(0.3 * (0.25 * absolutes + 0.75 / 2 * squares), 1e-13);
        Penalties.ElasticNet(weights, 0.3, 1.0).Item.Should().BeApproximately(Penalties.L1(weights, 0.3).Item, 1e-13);
        Penalties.ElasticNet(weights, 0.3, 0.0).Item.Should().BeApproximately(Penalties.L2(weights, 0.3).Item, 1e-13);
    }

    [Fact]
    public void Gradients_are_lambda_w_and_lambda_sign_w()
    {
        var weights = TwoWeights(new Random(2));
        Penalties.L2(weights, 0.5).Backward();
        foreach (var w in weights) (w.Grad! - 0.5 * w.Value).InfinityNorm().Should().BeLessThan(1e-15);
        foreach (var w in weights) w.ZeroGrad();
        Penalties.L1(weights, 0.5).Backward();
        foreach (var w in weights) (w.Grad! - w.Value.Map(v => 0.5 * Math.Sign(v))).InfinityNorm().Should().Be(0.0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(1.0)]
    public void Elastic_net_gradient_matches_finite_differences(double l1Ratio)
    {
        var rng = new Random(3);
        var x = GradientTestKit.RandomAwayFromZero(rng, 3, 3);
        var y = GradientTestKit.RandomAwayFromZero(rng, 2, 3);
        var error = GradientTestKit.WorstRelativeError(v => Penalties.ElasticNet(v, 0.7, l1Ratio), [x, y], rng);
        error.Should().BeLessThan(1e-6);
    }

    [Fact]
    public void L2_penalty_gives_the_same_step_as_SGD_weight_decay()
    {
        // d/dw [(lambda/2) ||w||^2] = lambda w, exactly what Sgd(weightDecay: lambda) adds to the gradient.
        const double lambda = 0.01;
        var x = Variable.Constant(GradientTestKit.RandomMatrix(new Random(4), 8, 2));
        var a = Mlp.Create([2, 5, 1], ActivationKind.Tanh, new Random(5));
        var b = Mlp.Create([2, 5, 1], ActivationKind.Tanh, new Random(5));
        var sgdA = new Sgd(a.Parameters(), 0.1, weightDecay: lambda);
        var sgdB = new Sgd(b.Parameters(), 0.1);
        for (var step = 0; step < 3; step++)
        {
            sgdA.ZeroGrad();
            a.Forward(x).Square().Mean().Backward();
            sgdA.Step();
            sgdB.ZeroGrad();
            (b.Forward(x).Square().Mean() + Penalties.L2(b.Parameters(), lambda)).Backward();
            sgdB.Step();
        }

        foreach (var (pa, pb) in a.Parameters().Zip(b.Parameters())) (pa.Value - pb.Value).InfinityNorm().Should().BeLessThan(1e-15);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_their_values()
    {
        var weights = TwoWeights(new Random(6));
        FluentActions.Invoking(() => Penalties.L2(weights, -1.0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*L2*lambda = -1*");
        FluentActions.Invoking(() => Penalties.L1(weights, double.NaN)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*L1*lambda = NaN*");
        FluentActions.Invoking(() => Penalties.ElasticNet(weights, 1.0, 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*l1Ratio = 1.5*");
        FluentActions.Invoking(() => Penalties.L2([], 1.0)).Should().Throw<ArgumentException>().WithMessage("*no parameters*");
    }
}
