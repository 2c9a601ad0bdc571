using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Data;

namespace MlMath.Tests.Data;

public sealed class SplitTests
{
    [Fact]
    public void Split_sizes_follow_the_fractions()
    {
        var split = DatasetTests.Numbered(100).Split(0.7, 0.2, new Random(3));
        split.Train.Count.Should().Be(70);
        split.Validation.Count.Should().Be(20);
        split.Test.Count.Should().Be(10);
        // Rows carry their original index: feature 0 of row i is the original row number.
        split.Train.Features.Column(0).ToArray().Should().Equal(split.TrainIndices.Select(i => (double)i));
        split.Test.Labels.Should().Equal(split.TestIndices.Select(i => i % 3));
    }

    [Fact]
    public void Largest_remainder_rounding_keeps_the_total()
    {
        // 10 x (0.45, 0.45, 0.1) = (4.5, 4.5, 1): floors 4, 4, 1 leave one sample, which goes to train (tie rule).
        var split = DatasetTests.Numbered(10).Split(0.45, 0.45, new Random(1));
        (split.Train.Count, split.Validation.Count, split.Test.Count).Should().Be((5, 4, 1));
        // 0.7 + 0.3 is accepted although its floating-point sum may exceed 1; the test part is empty.
        var all = DatasetTests.Numbered(9).Split(0.7, 0.3, new Random(1));
        (all.Train.Count + all.Validation.Count, all.Test.Count).Should().Be((9, 0));
    }

    [Fact]
    public void Split_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        var data = DatasetTests.Numbered(60);
        var a = data.Split(0.5, 0.25, new Random(11));
        var b = data.Split(0.5, 0.25, new Random(11));
        var c = data.Split(0.5, 0.25, new Random(12));
        a.TrainIndices.Should().Equal(b.TrainIndices);
        a.ValidationIndices.Should().Equal(b.ValidationIndices);
        a.Train.Features.Should().BeEquivalentTo(b.Train.Features);
        a.TrainIndices.Should().NotEqual(c.TrainIndices);
    }

    [Fact]
    public void Bad_fractions_are_rejected_with_their_values()
    {
        var data = DatasetTests.Numbered(10);
        FluentActions.Invoking(() => data.Split(1.5, 0, new Random(1)))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*trainFraction must be in [0, 1] but is 1.5*");
        FluentActions.Invoking(() => data.Split(0.8, 0.3, new Random(1)))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*must be <= 1 but is 0.8 + 0.3 = 1.1*");
        FluentActions.Invoking(() => data.StratifiedSplit(0.5, double.NaN, new Random(1)))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*validationFraction must be in [0, 1] but is NaN*");
    }

    [Fact]
    public void Stratified_split_keeps_class_proportions_within_one_sample()
    {
        // Unbalanced classes: 50, 30, 20 and 7 samples.
        int[] sizes = { 50, 30, 20, 7 };
        var labels = sizes.SelectMany((size, c) => Enumerable.Repeat(c, size)).ToArray();
        var data = Dataset.Classification(Matrix<double>.Build.Dense(labels.Length, 1, (i, _) => i), labels);
        var split = data.StratifiedSplit(0.6, 0.2, new Random(5));
        double[] fractions = { 0.6, 0.2, 0.2 };
        var parts = new[] { split.Train, split.Validation, split.Test };
        for (int p = 0; p < 3; p++)
        {
            var counts = parts[p].ClassCounts();
            for (int c = 0; c < sizes.Length; c++)
            {
                counts[c].Should().BeInRange((int)Math.Floor(fractions[p] * sizes[c]) - 1, (int)Math.Ceiling(fractions[p] * sizes[c]) + 1,
                    $"class {c} in part {p}");
                Math.Abs(counts[c] - fractions[p] * sizes[c]).Should().BeLessThan(1);
            }
        }

        split.TrainIndices.Concat(split.ValidationIndices).Concat(split.TestIndices).Order()
            .Should().Equal(Enumerable.Range(0, labels.Length));
        // Parts are shuffled after stratification, so classes are interleaved rather than in label order.
        split.Train.Labels.Should().NotBeInAscendingOrder();
    }

    [Fact]
    public void Stratified_split_is_deterministic_and_needs_labels()
    {
        var data = DatasetTests.Numbered(40, classes: 4);
        data.StratifiedSplit(0.5, 0.3, new Random(9)).TrainIndices
            .Should().Equal(data.StratifiedSplit(0.5, 0.3, new Random(9)).TrainIndices);
        data.StratifiedSplit(0.5, 0.3, new Random(9)).TrainIndices
            .Should().NotEqual(data.StratifiedSplit(0.5, 0.3, new Random(10)).TrainIndices);
        var regression = Dataset.Regression(Matrix<double>.Build.Dense(4, 1), Matrix<double>.Build.Dense(4, 1));
        FluentActions.Invoking(() => regression.StratifiedSplit(0.5, 0.25, new Random(1)))
            .Should().Throw<InvalidOperationException>().WithMessage("*regression*stratify*");
    }

    [Fact]
    public void Property_split_parts_partition_the_rows_for_any_size_and_fractions()
    {
        Gen.Select(Gen.Int[0, 300], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int).Sample(t =>
        {
            var (n, a, b, seed) = t;
            double train = a, validation = (1 - a) * b;
            var split = DatasetTests.Numbered(n).Split(train, validation, new Random(seed));
            var all = split.TrainIndices.Concat(split.ValidationIndices).Concat(split.TestIndices).ToArray();
            all.Order().Should().Equal(Enumerable.Range(0, n));
            Math.Abs(split.Train.Count - train * n).Should().BeLessThan(1.0 + 1e-9);
            Math.Abs(split.Validation.Count - validation * n).Should().BeLessThan(1.0 + 1e-9);
        }, iter: 300);
    }
}
