using MlMath.Data;

namespace MlMath.Tests.Data;

public sealed class BuiltInDatasetsTests
{
    [Fact]
    public void Iris_has_150_flowers_50_per_species()
    {
        var iris = BuiltInDatasets.Iris();
        iris.Count.Should().Be(150);
        iris.FeatureCount.Should().Be(4);
        iris.ClassNames.Should().Equal("setosa", "versicolor", "virginica");
        iris.ClassCounts().Should().Equal(50, 50, 50);
    }

    [Fact]
    public void Iris_first_row_and_column_means_match_Fisher()
    {
        // Fisher (1936), table 1, first setosa flower; column means as published for the 150 flowers
        // (5.843, 3.057, 3.758, 1.199 cm), also recomputed from the shipped file with awk.
        var iris = BuiltInDatasets.Iris();
        iris.Features.Row(0).ToArray().Should().Equal(5.1, 3.5, 1.4, 0.2);
        iris.Labels![0].Should().Be(0);
        double[] means = { 5.843, 3.057, 3.758, 1.199 };
        for (int j = 0; j < 4; j++)
        {
            iris.Features.Column(j).Average().Should().BeApproximately(means[j], 5e-4);
        }
    }

    [Fact]
    public void Digits_has_1797_images_of_64_pixels_in_0_to_16()
    {
        var digits = BuiltInDatasets.Digits();
        digits.Count.Should().Be(1797);
        digits.FeatureCount.Should().Be(64);
        digits.ClassNames.Should().Equal(Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        digits.Features.Enumerate().Should().OnlyContain(v => v >= 0 && v <= 16 && v == Math.Floor(v));
        digits.Features.Enumerate().Max().Should().Be(16);
    }

    [Fact]
    public void Digits_class_counts_match_the_UCI_test_set()
    {
        // Class counts of the UCI optdigits test part (optdigits.tes), also recounted from the shipped file with awk.
        BuiltInDatasets.Digits().ClassCounts().Should().Equal(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
    }

    [Fact]
    public void Digits_first_image_is_a_zero()
    {
        var digits = BuiltInDatasets.Digits();
        digits.Labels![0].Should().Be(0);
        // Its first row of pixels, from the file: 0,0,5,13,9,1,0,0.
        digits.Features.Row(0).SubVector(0, 8).ToArray().Should().Equal(0.0, 0, 5, 13, 9, 1, 0, 0);
    }

    [Fact]
    public void Each_call_returns_an_independent_copy()
    {
        var a = BuiltInDatasets.Iris();
        a.Features[0, 0] = -1;
        BuiltInDatasets.Iris().Features[0, 0].Should().Be(5.1);
    }
}
