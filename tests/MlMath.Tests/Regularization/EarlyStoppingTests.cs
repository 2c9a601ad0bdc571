using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.Data;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Regularization;

namespace MlMath.Tests.Regularization;

public sealed class EarlyStoppingTests
{
    private static Sequential Model(Random random) =>
        new(new Linear(2, 16, random), new BatchNorm(16), new Activation(ActivationKind.Tanh), new Linear(16, 2, random));

    private static double[][] Bits(Module model) =>
        model.StateDict().Select(kv => kv.Value.ToColumnMajorArray()).ToArray();

    [Fact]
    public void Restores_the_exact_parameters_and_buffers_of_the_best_epoch()
    {
        var model = Model(new Random(1));
        var stopping = new EarlyStopping(model, patience: 3);
        var rng = new Random(2);
        double[][]? atBest = null;
        double[] losses = [1.0, 0.7, 0.8, 0.5, 0.6, 0.55, 0.9, 0.4];
        var stoppedAt = 0;
        foreach (var loss in losses)
        {
            // Change every parameter and buffer between epochs, as training would.
            foreach (var (_, value) in model.StateDict()) value.MapInplace(v => v + rng.NextDouble() - 0.5);
            if (loss == 0.5) atBest = Bits(model);
            if (stopping.Report(loss))
            {
                stoppedAt = stopping.Epoch;
                break;
            }
        }

        stoppedAt.Should().Be(7, "three epochs without improvement after epoch 4");
        (stopping.BestEpoch, stopping.BestLoss).Should().Be((4, 0.5));
        Bits(model).Should().NotBeEquivalentTo(atBest);
        stopping.RestoreBest();
        var restored = Bits(model);
        restored.Length.Should().Be(atBest!.Length);
        for (var k = 0; k < restored.Length; k++)
        {
            restored[k].Select(BitConverter.DoubleToInt64Bits).Should().Equal(atBest[k].Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void After_a_real_training_run_the_restored_model_reproduces_the_best_validation_loss_bit_for_bit()
    {
        var data = DataGenerators.TwoMoons(120, 0.3, new Random(3));
        var split = data.StratifiedSplit(0.5, 0.5, new Random(4));
        var random = new Random(5);
        var model = Mlp.Create([2, 64, 64, 2], ActivationKind.Tanh, random);
        var optimizer = new Adam(model.Parameters(), 0.02);
        var stopping = new EarlyStopping(model, patience: 10);

        double ValidationLoss()
        {
            using var _ = GradMode.NoGrad();
            return Losses.SoftmaxCrossEntropy(model.Forward(split.Validation.Features), split.Validation.Labels!).Item;
        }

        for (var epoch = 0; epoch < 500; epoch++)
        {
            optimizer.ZeroGrad();
            Losses.SoftmaxCrossEntropy(model.Forward(split.Train.Features), split.Train.Labels!).Backward();
            optimizer.Step();
            if (stopping.Report(ValidationLoss())) break;
        }

        stopping.ShouldStop.Should().BeTrue("this over-parameterised net overfits 60 noisy points");
        stopping.Epoch.Should().Be(stopping.BestEpoch + 10);
        ValidationLoss().Should().BeGreaterThan(stopping.BestLoss);
        stopping.RestoreBest();
        BitConverter.DoubleToInt64Bits(ValidationLoss()).Should().Be(BitConverter.DoubleToInt64Bits(stopping.BestLoss));
    }

    [Fact]
    public void Improvements_smaller_than_min_delta_do_not_count()
    {
        var stopping = new EarlyStopping(Model(new Random(1)), patience: 2, minDelta: 0.1);
        stopping.Report(1.0).Should().BeFalse();
        stopping.Report(0.95).Should().BeFalse();     // better, but by less than 0.1
        stopping.EpochsWithoutImprovement.Should().Be(1);
        stopping.Report(0.85).Should().BeFalse();     // 0.15 below the best: an improvement
        (stopping.BestEpoch, stopping.EpochsWithoutImprovement).Should().Be((3, 0));
        stopping.Report(double.NaN).Should().BeFalse();
        stopping.Report(0.8).Should().BeTrue();
        stopping.BestLoss.Should().Be(0.85);
    }

    [Fact]
    public void Bad_arguments_and_restoring_without_a_snapshot_are_errors()
    {
        var model = Model(new Random(1));
        FluentActions.Invoking(() => new EarlyStopping(model, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*patience = 0*");
        FluentActions.Invoking(() => new EarlyStopping(model, 2, -0.1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*minDelta = -0.1*");
        var stopping = new EarlyStopping(model, 2);
        stopping.Report(double.NaN);
        FluentActions.Invoking(stopping.RestoreBest).Should().Throw<InvalidOperationException>().WithMessage("*no improvement*1 losses*");
    }
}
