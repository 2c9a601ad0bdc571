using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.Tests.Autodiff;

/// <summary>Forward values against hand-computed results, including the numerically delicate cases.</summary>
public sealed class ForwardValueTests
{
    [Fact]
    public void Softmax_of_huge_scores_does_not_overflow()
    {
        var x = new Variable(DenseMatrix.OfArray(new[,] { { 1000.0, 1000.0 }, { -1000.0, 0.0 } }));
        var y = x.SoftmaxRows().Value;
        y[0, 0].Should().Be(0.5);
        y[1, 1].Should().Be(1.0);
        y[1, 0].Should().Be(0.0);
        x.LogSoftmaxRows().Value[0, 0].Should().BeApproximately(-Math.Log(2.0), 1e-15);
        x.LogSoftmaxRows().Value[1, 0].Should().Be(-1000.0);
    }

    [Fact]
    public void Sigmoid_and_softplus_are_stable_at_the_extremes()
    {
        var x = new Variable(DenseMatrix.OfArray(new[,] { { -800.0, 800.0, 0.0, -40.0 } }));
        var s = x.Sigmoid().Value;
        s[0, 0].Should().BeGreaterThanOrEqualTo(0.0);
        s[0, 1].Should().Be(1.0);
        s[0, 2].Should().Be(0.5);
        var sp = x.Softplus().Value;
        sp[0, 1].Should().Be(800.0);
        sp[0, 2].Should().BeApproximately(Math.Log(2.0), 1e-15);
        sp[0, 3].Should().BeApproximately(Math.Exp(-40.0), 1e-30, "ln(1 + e^-40) = e^-40 to double precision");
    }

    [Fact]
    public void Max_per_row_and_activations_give_known_values()
    {
        var x = new Variable(DenseMatrix.OfArray(new[,] { { -2.0, 3.0, 1.0 }, { 0.5, -0.5, 0.25 } }));
        x.MaxPerRow().Value.Column(0).ToArray().Should().Equal(3.0, 0.5);
        x.Relu().Value.Row(0).ToArray().Should().Equal(0.0, 3.0, 1.0);
        x.LeakyRelu(0.1).Value[0, 0].Should().BeApproximately(-0.2, 1e-15);
        x.Elu(1.0).Value[0, 0].Should().BeApproximately(Math.Exp(-2.0) - 1.0, 1e-15);
        x.Abs().Value.Row(1).ToArray().Should().Equal(0.5, 0.5, 0.25);
    }

    [Fact]
    public void Gather_and_scatter_move_rows()
    {
        var x = new Variable(DenseMatrix.OfArray(new[,] { { 1.0, 10.0 }, { 2.0, 20.0 }, { 3.0, 30.0 } }));
        var gathered = x.GatherRows([2, 0, 2]).Value;
        gathered.Column(1).ToArray().Should().Equal(30.0, 10.0, 30.0);
        var scattered = x.ScatterAddRows([1, 1, 0], 3).Value;
        scattered.Column(0).ToArray().Should().Equal(3.0, 3.0, 0.0);
    }

    [Fact]
    public void Broadcasting_adds_and_multiplies_along_the_right_axis()
    {
        var x = new Variable(DenseMatrix.OfArray(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } }));
        var row = new Variable(DenseMatrix.OfArray(new[,] { { 10.0, 100.0 } }));
        var column = new Variable(DenseMatrix.OfArray(new[,] { { 10.0 }, { 100.0 } }));
        x.AddRowVector(row).Value.Row(1).ToArray().Should().Equal(13.0, 104.0);
        x.AddColumnVector(column).Value.Row(1).ToArray().Should().Equal(103.0, 104.0);
        x.MultiplyRowVector(row).Value.Row(0).ToArray().Should().Equal(10.0, 200.0);
        x.MultiplyColumnVector(column).Value.Row(1).ToArray().Should().Equal(300.0, 400.0);
        x.SumPerRow().Value.Column(0).ToArray().Should().Equal(3.0, 7.0);
        x.SumPerColumn().Value.Row(0).ToArray().Should().Equal(4.0, 6.0);
        x.Mean().Item.Should().Be(2.5);
    }
}
