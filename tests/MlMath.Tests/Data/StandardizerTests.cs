using MathNet.Numerics.LinearAlgebra;
using MlMath.Data;

namespace MlMath.Tests.Data;

public sealed class StandardizerTests
{
    [Fact]
    public void Fitted_mean_and_population_std_match_the_closed_form()
    {
        // Column 0: 1, 2, 3, 4 has mean 2.5 and population variance ((1.5^2 + 0.5^2) * 2) / 4 = 1.25.
        // Column 1: 10, 10, 30, 30 has mean 20 and variance 100.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 10 }, { 2, 10 }, { 3, 30 }, { 4, 30 } });
        var s = Standardizer.Fit(x);
        s.Mean.ToArray().Should().Equal(2.5, 20.0);
        s.StandardDeviation[0].Should().BeApproximately(Math.Sqrt(1.25), 1e-15);
        s.StandardDeviation[1].Should().Be(10.0);
        var z = s.Transform(x);
        z[0, 0].Should().BeApproximately(-1.5 / Math.Sqrt(1.25), 1e-15);
        z.Column(1).ToArray().Should().Equal(-1.0, -1.0, 1.0, 1.0);
    }

    [Fact]
    public void Transformed_training_data_has_mean_zero_and_std_one()
    {
        var random = new Random(2);
        var x = Matrix<double>.Build.Dense(200, 3, (_, j) => (j + 1) * 100 * random.NextDouble() + 1000 * j);
        var z = Standardizer.Fit(x).Transform(x);
        for (int j = 0; j < 3; j++)
        {
            var column = z.Column(j);
            double mean = column.Average();
            mean.Should().BeApproximately(0, 1e-12);
            Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Sum() / column.Count).Should().BeApproximately(1, 1e-12);
        }
    }

    [Fact]
    public void Other_data_is_transformed_with_the_training_statistics()
    {
        var train = Matrix<double>.Build.DenseOfArray(new double[,] { { 0 }, { 2 } });
        var s = Standardizer.Fit(train);
        s.Transform(Matrix<double>.Build.DenseOfArray(new double[,] { { 5 } }))[0, 0].Should().Be(4);
        s.InverseTransform(Matrix<double>.Build.DenseOfArray(new double[,] { { 4 } }))[0, 0].Should().Be(5);
    }

    [Fact]
    public void Constant_columns_are_centred_but_not_scaled()
    {
        // 0.1 is not exactly representable, so the computed spread of a column of 0.1s may be rounding-level
        // rather than exactly 0; either way the column is treated as constant.
        var x = Matrix<double>.Build.Dense(7, 2, (i, j) => j == 0 ? 0.1 : i);
        var s = Standardizer.Fit(x);
        s.Scale[0].Should().Be(1);
        var z = s.Transform(x);
        z.Column(0).ToArray().Should().OnlyContain(v => Math.Abs(v) < 1e-15);
        z.Enumerate().Should().OnlyContain(v => double.IsFinite(v));
        s.Transform(Matrix<double>.Build.DenseOfArray(new double[,] { { 1.1, 3 } }))[0, 0].Should().BeApproximately(1.0, 1e-15);
    }

    [Fact]
    public void Dataset_transform_keeps_labels_and_class_names()
    {
        var data = DatasetTests.Numbered(9);
        var z = Standardizer.Fit(data).Transform(data);
        z.Labels.Should().Equal(data.Labels);
        z.ClassNames.Should().Equal(data.ClassNames);
        z.Features.Column(0).Average().Should().BeApproximately(0, 1e-15);
    }

    [Fact]
    public void Bad_input_is_rejected_with_shapes()
    {
        FluentActions.Invoking(() => Standardizer.Fit(Matrix<double>.Build.Dense(0, 3)))
            .Should().Throw<ArgumentException>().WithMessage("*features has no rows (features is 0x3)*");
        var s = Standardizer.Fit(Matrix<double>.Build.Dense(2, 3));
        FluentActions.Invoking(() => s.Transform(Matrix<double>.Build.Dense(2, 2)))
            .Should().Throw<ArgumentException>().WithMessage("*features is 2x2 but the standardizer was fitted on 3 columns*");
    }
}
