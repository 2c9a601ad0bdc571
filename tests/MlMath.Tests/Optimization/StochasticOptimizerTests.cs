using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Tests.Optimization;

/// <summary>Update rules against steps computed by hand from the formulas in the doc comments.</summary>
public sealed class StochasticOptimizerTests
{
    private static Parameter WithGradient(double value, double gradient)
    {
        var p = new Parameter(DenseMatrix.Create(1, 1, value), "p");
        // d/dp (gradient * p) = gradient.
        (p * gradient).Backward();
        return p;
    }

    [Fact]
    public void Plain_sgd_step_is_theta_minus_lr_g()
    {
        var p = WithGradient(1.0, 0.5);
        new Sgd([p], learningRate: 0.1).Step();
        p.Item.Should().BeApproximately(1.0 - 0.05, 1e-15);
    }

    [Fact]
    public void Sgd_momentum_and_nesterov_follow_the_documented_recursion()
    {
        // Constant gradient g = 1, lr = 0.1, momentum 0.9: b1 = 1, b2 = 1.9. Plain: steps 0.1, 0.19.
        // Nesterov: d1 = 1 + 0.9 * 1 = 1.9, d2 = 1 + 0.9 * 1.9 = 2.71.
        var plain = new Parameter(DenseMatrix.Create(1, 1, 0.0), "a");
        var nesterov = new Parameter(DenseMatrix.Create(1, 1, 0.0), "b");
        var sgd = new Sgd([plain], 0.1, momentum: 0.9);
        var nag = new Sgd([nesterov], 0.1, momentum: 0.9, nesterov: true);
        for (var step = 0; step < 2; step++)
        {
            sgd.ZeroGrad(); nag.ZeroGrad();
            plain.Sum().Backward(); nesterov.Sum().Backward();
            sgd.Step(); nag.Step();
        }

        plain.Item.Should().BeApproximately(-(0.1 + 0.19), 1e-15);
        nesterov.Item.Should().BeApproximately(-(0.19 + 0.271), 1e-15);
    }

    [Fact]
    public void Adam_first_step_moves_each_weight_by_lr_times_the_sign_of_its_gradient()
    {
        // t = 1: m_hat = g, v_hat = g^2, so the step is lr g / (|g| + eps) = lr sign(g) (up to eps).
        var a = WithGradient(1.0, 3.0);
        var b = WithGradient(1.0, -0.002);
        new Adam([a, b], learningRate: 0.01).Step();
        a.Item.Should().BeApproximately(1.0 - 0.01 * 3.0 / (3.0 + 1e-8), 1e-15);
        b.Item.Should().BeApproximately(1.0 + 0.01 * 0.002 / (0.002 + 1e-8), 1e-15);
    }

    [Fact]
    public void Frozen_parameters_are_skipped()
    {
        var p = WithGradient(1.0, 0.5);
        p.Freeze();
        new Sgd([p], 0.1).Step();
        new Adam([p]).Step();
        p.Item.Should().Be(1.0);
    }

    [Fact]
    public void Invalid_hyper_parameters_name_themselves()
    {
        var p = new Parameter(DenseMatrix.Create(1, 1, 0.0), "p");
        FluentActions.Invoking(() => new Sgd([p], -0.1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("learningRate must be*-0.1*");
        FluentActions.Invoking(() => new Sgd([p], 0.1, momentum: 1.0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("momentum must be in [0, 1)*");
        FluentActions.Invoking(() => new Sgd([p], 0.1, nesterov: true)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Nesterov*");
        FluentActions.Invoking(() => new Adam([p], beta1: 1.0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("beta1 must be*1*");
        FluentActions.Invoking(() => new Adam([p], learningRate: double.NaN)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("learningRate*NaN*");
    }
}
