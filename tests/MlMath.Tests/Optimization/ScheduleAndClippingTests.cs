using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Tests.Optimization;

public sealed class ScheduleAndClippingTests
{
    [Fact]
    public void Schedules_follow_their_closed_forms()
    {
        new StepDecaySchedule(1.0, 10, 0.5).At(25).Should().Be(0.25);
        new ExponentialDecaySchedule(2.0, 0.9).At(3).Should().BeApproximately(2.0 * 0.729, 1e-15);
        var cosine = new CosineAnnealingSchedule(1.0, 100, 0.1);
        cosine.At(0).Should().Be(1.0);
        cosine.At(50).Should().BeApproximately(0.55, 1e-15);
        cosine.At(100).Should().BeApproximately(0.1, 1e-15);
        cosine.At(150).Should().BeApproximately(0.1, 1e-15);
        var warm = new LinearWarmupSchedule(4, new ExponentialDecaySchedule(1.0, 0.5));
        Enumerable.Range(0, 6).Select(warm.At).Should().Equal(0.25, 0.5, 0.75, 1.0, 1.0, 0.5);
    }

    [Fact]
    public void Reduce_on_plateau_waits_for_patience_then_cools_down()
    {
        var p = new Parameter(DenseMatrix.Create(1, 1, 0.0), "p");
        var optimizer = new Sgd([p], 1.0);
        var plateau = new ReduceOnPlateau(optimizer, factor: 0.5, patience: 2, cooldown: 1);
        plateau.Report(1.0).Should().BeFalse();
        plateau.Report(0.5).Should().BeFalse();          // improvement
        plateau.Report(0.5).Should().BeFalse();          // bad 1
        plateau.Report(0.6).Should().BeFalse();          // bad 2
        plateau.Report(0.7).Should().BeTrue();           // bad 3 > patience: halve
        optimizer.LearningRate.Should().Be(0.5);
        plateau.Report(0.9).Should().BeFalse();          // cooldown
        plateau.Report(0.9).Should().BeFalse();
        plateau.Report(0.9).Should().BeFalse();
        plateau.Report(0.9).Should().BeTrue();
        optimizer.LearningRate.Should().Be(0.25);
    }

    [Fact]
    public void Clip_by_global_norm_keeps_direction_and_returns_the_norm()
    {
        var a = new Parameter(DenseMatrix.Create(1, 2, 0.0), "a");
        var b = new Parameter(DenseMatrix.Create(1, 1, 0.0), "b");
        // Gradients (3, 4) and (12): global norm 13.
        (a * MlMath.Autodiff.Variable.Constant(DenseMatrix.OfColumnArrays([3.0, 4.0])) + b * 12.0).Backward();
        GradientClipping.ClipByGlobalNorm([a, b], 6.5).Should().BeApproximately(13.0, 1e-14);
        a.Grad!.Row(0).ToArray().Should().Equal(1.5, 2.0);
        b.Grad![0, 0].Should().Be(6.0);
        GradientClipping.ClipByGlobalNorm([a, b], 100.0).Should().BeApproximately(6.5, 1e-14);
        a.Grad!.Row(0).ToArray().Should().Equal(1.5, 2.0);
        GradientClipping.ClipByValue([a, b], 1.75);
        a.Grad!.Row(0).ToArray().Should().Equal(1.5, 1.75);
        b.Grad![0, 0].Should().Be(1.75);
    }

    [Fact]
    public void Bad_schedule_arguments_are_named()
    {
        FluentActions.Invoking(() => new CosineAnnealingSchedule(0.1, 10, 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*minimum 0.5 exceeds initial 0.1*");
        FluentActions.Invoking(() => new StepDecaySchedule(0.1, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => GradientClipping.ClipByGlobalNorm([], 0.0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*maxNorm*");
    }
}
