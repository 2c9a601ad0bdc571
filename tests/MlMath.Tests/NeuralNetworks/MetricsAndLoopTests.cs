using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;

namespace MlMath.Tests.NeuralNetworks;

public sealed class MetricsAndLoopTests
{
    [Fact]
    public void Accuracy_argmax_and_confusion_matrix()
    {
        var scores = DenseMatrix.OfArray(new[,] { { 0.1, 0.9 }, { 0.8, 0.2 }, { 0.5, 0.5 } });
        var predicted = Metrics.ArgMaxPerRow(scores);
        predicted.Should().Equal(1, 0, 0);
        Metrics.Accuracy(predicted, [1, 1, 0]).Should().BeApproximately(2.0 / 3, 1e-15);
        var confusion = Metrics.ConfusionMatrix(predicted, [1, 1, 0], 2);
        confusion.Should().BeEquivalentTo(new[,] { { 1, 0 }, { 1, 1 } });
        FluentActions.Invoking(() => Metrics.Accuracy([1], [1, 2])).Should().Throw<ArgumentException>().WithMessage("*1 predictions for 2 labels*");
    }

    [Fact]
    public void Training_loop_reports_progress_and_stops_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var reports = new List<TrainingProgress>();
        var progress = new SynchronousProgress(reports.Add);
        var history = TrainingLoop.Run(10, epoch =>
        {
            if (epoch == 3) cancellation.Cancel();
            return 1.0 / epoch;
        }, progress, cancellation.Token);
        history.Cancelled.Should().BeTrue();
        history.Losses.Should().Equal(1.0, 0.5, 1.0 / 3);
        reports.Select(r => r.Epoch).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Training_loop_names_the_epoch_that_diverged()
    {
        FluentActions.Invoking(() => TrainingLoop.Run(5, epoch => epoch == 2 ? double.NaN : 1.0))
            .Should().Throw<InvalidOperationException>().WithMessage("*epoch 2*NaN*");
    }

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
