using MathNet.Numerics.LinearAlgebra;
using MlMath.Serialization;
using static MlMath.Tests.Serialization.SafeTensorsTestFiles;

namespace MlMath.Tests.Serialization;

public sealed class SafeTensorsLoadIntoTests
{
    private static readonly Matrix<double> SavedWeight =
        Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    private static readonly Matrix<double> SavedBias = Matrix<double>.Build.DenseOfArray(new double[,] { { -1, -2, -3 } });

    private static MemoryStream SavedFile() => new(Write(new Dictionary<string, Matrix<double>>
    {
        ["layer.weight"] = SavedWeight,
        ["layer.bias"] = SavedBias,
    }));

    private static Dictionary<string, Matrix<double>> Targets(int biasRows = 1, int biasColumns = 3) => new()
    {
        ["layer.weight"] = Matrix<double>.Build.Dense(2, 3, 9),
        ["layer.bias"] = Matrix<double>.Build.Dense(biasRows, biasColumns, 9),
    };

    private static void ShouldBeUnchanged(Dictionary<string, Matrix<double>> targets)
    {
        foreach (Matrix<double> target in targets.Values)
        {
            target.Enumerate().Should().OnlyContain(v => v == 9);
        }
    }

    [Fact]
    public void Strict_load_copies_every_value_into_the_same_matrices()
    {
        Dictionary<string, Matrix<double>> targets = Targets();
        Matrix<double> weight = targets["layer.weight"];

        SafeTensorsLoadResult result = SafeTensorsFile.LoadInto(SavedFile(), targets);

        result.Loaded.Should().Equal("layer.bias", "layer.weight");
        result.Missing.Should().BeEmpty();
        result.Unexpected.Should().BeEmpty();
        targets["layer.weight"].Should().BeSameAs(weight).And.Be(SavedWeight);
        targets["layer.bias"].Should().Be(SavedBias);
    }

    [Fact]
    public void A_wrong_shape_is_an_error_and_leaves_every_target_unchanged()
    {
        Dictionary<string, Matrix<double>> targets = Targets(biasRows: 3, biasColumns: 1);

        FluentActions.Invoking(() => SafeTensorsFile.LoadInto(SavedFile(), targets, strict: false))
            .Should().Throw<SafeTensorsMismatchException>()
            .WithMessage("SafeTensorsFile.LoadInto: tensor 'layer.bias' is 1x3 (shape [1, 3]) in the file but its target is 3x1; no target was changed")
            .Which.ShapeMismatches.Should().Equal("layer.bias");
        ShouldBeUnchanged(targets);
    }

    [Fact]
    public void Strict_mode_rejects_missing_and_unexpected_names_and_lists_them_all()
    {
        var targets = new Dictionary<string, Matrix<double>>
        {
            ["layer.weight"] = Matrix<double>.Build.Dense(2, 3, 9),
            ["layer.scale"] = Matrix<double>.Build.Dense(1, 3, 9),
            ["other"] = Matrix<double>.Build.Dense(1, 1, 9),
        };

        SafeTensorsMismatchException e = FluentActions.Invoking(() => SafeTensorsFile.LoadInto(SavedFile(), targets))
            .Should().Throw<SafeTensorsMismatchException>()
            .WithMessage("*missing from the file: 'layer.scale', 'other'; in the file but not among the targets: 'layer.bias'; no target was changed")
            .Which;
        e.Missing.Should().Equal("layer.scale", "other");
        e.Unexpected.Should().Equal("layer.bias");
        e.ShapeMismatches.Should().BeEmpty();
        ShouldBeUnchanged(targets);
    }

    [Fact]
    public void Strict_mode_rejects_a_missing_tensor_alone()
    {
        Dictionary<string, Matrix<double>> targets = Targets();
        targets["extra"] = Matrix<double>.Build.Dense(1, 1, 9);

        FluentActions.Invoking(() => SafeTensorsFile.LoadInto(SavedFile(), targets))
            .Should().Throw<SafeTensorsMismatchException>().WithMessage("*: missing from the file: 'extra'; no target was changed");
        ShouldBeUnchanged(targets);
    }

    [Fact]
    public void Strict_mode_rejects_an_unexpected_tensor_alone()
    {
        Dictionary<string, Matrix<double>> targets = Targets();
        targets.Remove("layer.bias");

        FluentActions.Invoking(() => SafeTensorsFile.LoadInto(SavedFile(), targets))
            .Should().Throw<SafeTensorsMismatchException>()
            .WithMessage("*: in the file but not among the targets: 'layer.bias'; no target was changed");
        ShouldBeUnchanged(targets);
    }

    [Fact]
    public void Non_strict_mode_loads_the_common_names_and_reports_the_rest()
    {
        var targets = new Dictionary<string, Matrix<double>>
        {
            ["layer.weight"] = Matrix<double>.Build.Dense(2, 3, 9),
            ["head.weight"] = Matrix<double>.Build.Dense(1, 3, 9),
        };

        SafeTensorsLoadResult result = SafeTensorsFile.LoadInto(SavedFile(), targets, strict: false);

        result.Should().BeEquivalentTo(new SafeTensorsLoadResult(["layer.weight"], ["head.weight"], ["layer.bias"]));
        targets["layer.weight"].Should().Be(SavedWeight);
        targets["head.weight"].Enumerate().Should().OnlyContain(v => v == 9);
    }

    [Fact]
    public void A_malformed_file_is_a_format_error_and_leaves_targets_unchanged()
    {
        byte[] file = SavedFile().ToArray();
        Dictionary<string, Matrix<double>> targets = Targets();

        FluentActions.Invoking(() => SafeTensorsFile.LoadInto(new MemoryStream(file[..^8]), targets))
            .Should().Throw<SafeTensorsFormatException>().WithMessage("SafeTensorsFile.LoadInto: *exceed the data section*");
        ShouldBeUnchanged(targets);
    }

    [Fact]
    public void A_stream_that_ends_early_while_reading_data_leaves_targets_unchanged()
    {
        // The stream claims the full length (so the header checks pass) but delivers fewer bytes: the
        // second tensor's read fails after the first has been read into a temporary.
        byte[] file = SavedFile().ToArray();
        Dictionary<string, Matrix<double>> targets = Targets();

        FluentActions.Invoking(() => SafeTensorsFile.LoadInto(new ShortStream(file, file.Length - 8), targets))
            .Should().Throw<SafeTensorsFormatException>()
            .WithMessage("*the file ended inside tensor 'layer.weight' data_offsets [24, 72]*");
        ShouldBeUnchanged(targets);
    }

    [Fact]
    public void Null_targets_are_argument_errors()
    {
        FluentActions.Invoking(() => SafeTensorsFile.LoadInto(SavedFile(), (IReadOnlyDictionary<string, Matrix<double>>)null!))
            .Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => SafeTensorsFile.LoadInto(SavedFile(), new Dictionary<string, Matrix<double>> { ["w"] = null! }))
            .Should().Throw<ArgumentNullException>().WithMessage("*target 'w' is null*");
    }

    [Fact]
    public void LoadInto_from_a_path_works()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlmath-safetensors-{Guid.NewGuid():N}.safetensors");
        try
        {
            File.WriteAllBytes(path, SavedFile().ToArray());
            Dictionary<string, Matrix<double>> targets = Targets();

            SafeTensorsFile.LoadInto(path, targets).Loaded.Should().HaveCount(2);
            targets["layer.bias"].Should().Be(SavedBias);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A stream that reports the full length but returns end-of-stream after <c>limit</c> bytes.</summary>
    private sealed class ShortStream(byte[] bytes, int limit) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            base.Read(buffer, offset, (int)Math.Clamp(limit - Position, 0, count));
    }
}
