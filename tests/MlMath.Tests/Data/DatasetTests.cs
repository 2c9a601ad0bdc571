using MathNet.Numerics.LinearAlgebra;
using MlMath.Data;

namespace MlMath.Tests.Data;

public sealed class DatasetTests
{
    internal static Dataset Numbered(int n, int classes = 3) =>
        // Row i has features (i, 10 i) and label i mod classes, so every row can be traced after reordering.
        Dataset.Classification(
            Matrix<double>.Build.Dense(n, 2, (i, j) => j == 0 ? i : 10 * i),
            Enumerable.Range(0, n).Select(i => i % classes).ToArray(),
            Enumerable.Range(0, classes).Select(k => "c" + k).ToArray());

    [Fact]
    public void Classification_exposes_its_parts()
    {
        var data = Numbered(7);
        data.Count.Should().Be(7);
        data.FeatureCount.Should().Be(2);
        data.IsClassification.Should().BeTrue();
        data.ClassCount.Should().Be(3);
        data.ClassNames.Should().Equal("c0", "c1", "c2");
        data.Targets.Should().BeNull();
        data.ClassCounts().Should().Equal(3, 2, 2);
    }

    [Fact]
    public void Default_class_names_run_up_to_the_largest_label()
    {
        var data = Dataset.Classification(Matrix<double>.Build.Dense(3, 1), new[] { 0, 4, 2 });
        data.ClassNames.Should().Equal("0", "1", "2", "3", "4");
        data.ClassCounts().Should().Equal(1, 0, 1, 0, 1);
    }

    [Fact]
    public void Labels_are_copied()
    {
        var labels = new[] { 0, 1 };
        var data = Dataset.Classification(Matrix<double>.Build.Dense(2, 1), labels);
        labels[0] = 1;
        data.Labels.Should().Equal(0, 1);
    }

    [Fact]
    public void Regression_has_targets_and_no_classes()
    {
        var data = Dataset.Regression(Matrix<double>.Build.Dense(4, 2), Matrix<double>.Build.Dense(4, 1, (i, _) => i));
        data.IsClassification.Should().BeFalse();
        data.Labels.Should().BeNull();
        data.ClassCount.Should().Be(0);
        data.Subset(new[] { 3, 1 }).Targets!.Column(0).ToArray().Should().Equal(3.0, 1.0);
        FluentActions.Invoking(() => data.ClassCounts()).Should().Throw<InvalidOperationException>().WithMessage("*regression*");
    }

    [Fact]
    public void Mismatched_counts_are_rejected_with_both_shapes()
    {
        FluentActions.Invoking(() => Dataset.Classification(Matrix<double>.Build.Dense(3, 2), new[] { 0, 1 }))
            .Should().Throw<ArgumentException>().WithMessage("*labels has 2 entries but features has 3 rows*3x2*")
            .Which.ParamName.Should().Be("labels");
        FluentActions.Invoking(() => Dataset.Regression(Matrix<double>.Build.Dense(3, 2), Matrix<double>.Build.Dense(2, 1)))
            .Should().Throw<ArgumentException>().WithMessage("*targets is 2x1 but features is 3x2*");
    }

    [Fact]
    public void Negative_or_unnamed_labels_and_non_finite_features_are_rejected()
    {
        var x = Matrix<double>.Build.Dense(2, 1);
        FluentActions.Invoking(() => Dataset.Classification(x, new[] { 0, -1 }))
            .Should().Throw<ArgumentException>().WithMessage("*labels[1] is -1*>= 0*");
        FluentActions.Invoking(() => Dataset.Classification(x, new[] { 0, 2 }, new[] { "a", "b" }))
            .Should().Throw<ArgumentException>().WithMessage("*labels[1] is 2*only 2 class names*");
        x[1, 0] = double.NaN;
        FluentActions.Invoking(() => Dataset.Classification(x, new[] { 0, 1 }))
            .Should().Throw<ArgumentException>().WithMessage("*features has a non-finite entry NaN at (1, 0)*");
    }

    [Fact]
    public void Subset_copies_rows_in_the_given_order_and_keeps_class_names()
    {
        var data = Numbered(6);
        var subset = data.Subset(new[] { 4, 0, 4 });
        subset.Features.Column(0).ToArray().Should().Equal(4.0, 0.0, 4.0);
        subset.Features.Column(1).ToArray().Should().Equal(40.0, 0.0, 40.0);
        subset.Labels.Should().Equal(1, 0, 1);
        subset.ClassCount.Should().Be(3);
        subset.Features[0, 0] = -1;
        data.Features[4, 0].Should().Be(4);
        data.Subset(Array.Empty<int>()).Count.Should().Be(0);
    }

    [Fact]
    public void Subset_rejects_out_of_range_indices()
    {
        FluentActions.Invoking(() => Numbered(5).Subset(new[] { 0, 5 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*indices[1] is 5, outside [0, 5)*");
    }

    [Fact]
    public void Shuffled_is_a_seeded_permutation_of_the_rows()
    {
        var data = Numbered(50);
        var a = data.Shuffled(new Random(7));
        var b = data.Shuffled(new Random(7));
        var c = data.Shuffled(new Random(8));
        a.Features.Should().BeEquivalentTo(b.Features);
        a.Features.Column(0).ToArray().Should().NotEqual(c.Features.Column(0).ToArray());
        a.Features.Column(0).ToArray().Should().BeEquivalentTo(Enumerable.Range(0, 50).Select(i => (double)i));
        for (int i = 0; i < 50; i++)
        {
            a.Labels![i].Should().Be((int)a.Features[i, 0] % 3, "labels move with their rows");
        }
    }
}
