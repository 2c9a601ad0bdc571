using MathNet.Numerics.LinearAlgebra;
using MlMath.Data;

namespace MlMath.Tests.Data;

public sealed class OneHotTests
{
    [Fact]
    public void Encode_puts_a_single_one_in_each_row()
    {
        var y = OneHot.Encode(new[] { 2, 0, 1, 2 }, 4);
        y.RowCount.Should().Be(4);
        y.ColumnCount.Should().Be(4);
        y.Should().BeEquivalentTo(Matrix<double>.Build.DenseOfArray(new double[,]
        {
            { 0, 0, 1, 0 },
            { 1, 0, 0, 0 },
            { 0, 1, 0, 0 },
            { 0, 0, 1, 0 },
        }));
    }

    [Fact]
    public void Decode_inverts_encode_and_takes_the_first_maximum()
    {
        int[] labels = { 3, 1, 0, 2, 2 };
        OneHot.Decode(OneHot.Encode(labels, 4)).Should().Equal(labels);
        OneHot.Decode(Matrix<double>.Build.DenseOfArray(new double[,] { { 0.2, 0.5, 0.5 }, { -1, -3, -2 } })).Should().Equal(1, 0);
    }

    [Fact]
    public void Out_of_range_labels_are_rejected()
    {
        FluentActions.Invoking(() => OneHot.Encode(new[] { 0, 3 }, 3))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*labels[1] is 3, outside [0, 3)*");
        FluentActions.Invoking(() => OneHot.Encode(new[] { 0 }, 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*classCount must be >= 1 but is 0*");
    }
}
