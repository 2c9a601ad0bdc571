using MathNet.Numerics.LinearAlgebra;
using MlMath.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

public sealed class ConditioningTests
{
    private static Matrix<double> M(double[,] values) => Matrix<double>.Build.DenseOfArray(values);

    [Fact]
    public void Diagonal_matrix_has_ratio_of_extreme_entries()
    {
        // Closed form: the singular values of diag(1, 1e-6) are 1 and 1e-6.
        Conditioning.ConditionNumber(M(new[,] { { 1.0, 0 }, { 0, 1e-6 } })).Should().BeApproximately(1e6, 1e-4);
    }

    [Fact]
    public void Rotation_has_condition_number_one()
    {
        // Closed form: an orthogonal matrix has all singular values 1.
        double c = Math.Cos(0.3), s = Math.Sin(0.3);
        Conditioning.ConditionNumber(M(new[,] { { c, -s }, { s, c } })).Should().BeApproximately(1, 1e-14);
    }

    [Fact]
    public void Rectangular_matrix_uses_its_min_rows_columns_singular_values()
    {
        // Closed form: [[3, 0], [0, 0.5], [0, 0]] has singular values 3 and 0.5, so cond = 6.
        Conditioning.ConditionNumber(M(new[,] { { 3.0, 0 }, { 0, 0.5 }, { 0, 0 } })).Should().BeApproximately(6, 1e-14);
        // Its transpose has the same singular values.
        Conditioning.ConditionNumber(M(new[,] { { 3.0, 0, 0 }, { 0, 0.5, 0 } })).Should().BeApproximately(6, 1e-14);
    }

    [Fact]
    public void Singular_matrix_has_infinite_condition_number()
    {
        Conditioning.ConditionNumber(M(new[,] { { 1.0, 0 }, { 0, 0 } })).Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void Non_finite_and_empty_matrices_are_rejected()
    {
        Action nan = () => Conditioning.ConditionNumber(M(new[,] { { 1.0, double.NaN } }));
        nan.Should().Throw<ArgumentException>().WithMessage("ConditionNumber: a has a non-finite entry NaN at (0, 1) (a is 1x2)*");
        Action empty = () => Conditioning.ConditionNumber(Matrix<double>.Build.Dense(0, 3));
        empty.Should().Throw<ArgumentException>().WithMessage("ConditionNumber: a is 0x3*");
    }
}
