using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using static MlMath.Tests.Autodiff.GradientTestKit;

namespace MlMath.Tests.Autodiff;

/// <summary>
/// Variable.ReleaseGraph: a released graph's intermediate values go back to the buffer pool and can no longer be
/// used (clear errors instead of reading reused storage); leaves and their gradients are untouched.
/// </summary>
public sealed class ReleaseGraphTests
{
    [Fact]
    public void Intermediate_values_cannot_be_read_after_release_and_leaves_are_untouched()
    {
        var rng = new Random(1);
        var x = new Variable(RandomMatrix(rng, 70, 60), requiresGrad: true);
        var w = new Variable(RandomMatrix(rng, 60, 60), requiresGrad: true);
        var h = (x * w).Tanh();
        var loss = h.Square().Sum();
        loss.Backward();
        var (xValue, wValue, wGrad) = (x.Value.Clone(), w.Value.Clone(), w.Grad!.Clone());

        loss.ReleaseGraph();

        h.IsReleased.Should().BeTrue();
        loss.IsReleased.Should().BeTrue();
        x.IsReleased.Should().BeFalse();
        var read = () => h.Value;
        read.Should().Throw<InvalidOperationException>().WithMessage("*released*");
        h.ToString().Should().Contain("(released)").And.Contain("Tanh");
        // Drawing large arrays from the pool now may hand out the released ones; the leaves must not change.
        for (var k = 0; k < 8; k++) GradientBufferPool.Rent(70 * 60).AsSpan().Fill(double.NaN);
        x.Value.Should().BeEquivalentTo(xValue);
        w.Value.Should().BeEquivalentTo(wValue);
        w.Grad.Should().BeEquivalentTo(wGrad);
    }

    [Fact]
    public void Backpropagating_through_a_released_graph_throws()
    {
        var rng = new Random(2);
        var x = new Variable(RandomMatrix(rng, 80, 60), requiresGrad: true);
        var h = x.Exp();
        var first = h.Sum();
        var second = h.Square().Sum(); // shares h with the first graph
        first.ReleaseGraph();          // releases h too

        var backward = () => second.Backward();
        backward.Should().Throw<InvalidOperationException>().WithMessage("*released*");
    }

    [Fact]
    public void Released_arrays_are_handed_out_again_each_exactly_once()
    {
        // An unusual length, so that no other test draws arrays of it from the shared pool.
        const int rows = 4111;
        var x = new Variable(DenseMatrix.Create(rows, 1, 0.5), requiresGrad: true);
        var y = x.Tanh();
        var released = ((DenseMatrix)y.Value).Values;
        var loss = y.Sum();
        loss.ReleaseGraph();
        loss.ReleaseGraph(); // a second call does nothing (no second return of the same array)

        var first = GradientBufferPool.Rent(rows);
        var second = GradientBufferPool.Rent(rows);
        first.Should().BeSameAs(released);
        second.Should().NotBeSameAs(first);
    }

    [Fact]
    public void Releasing_a_leaf_does_nothing()
    {
        var x = new Variable(DenseMatrix.Create(100, 50, 1.0), requiresGrad: true);
        x.ReleaseGraph();
        x.IsReleased.Should().BeFalse();
        x.Value[99, 49].Should().Be(1.0);
    }
}
