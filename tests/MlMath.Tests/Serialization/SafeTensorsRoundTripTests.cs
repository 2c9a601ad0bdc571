using System.Text.Json;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Serialization;
using static MlMath.Tests.Serialization.SafeTensorsTestFiles;

namespace MlMath.Tests.Serialization;

public sealed class SafeTensorsRoundTripTests
{
    private static SafeTensorsContent RoundTrip(
        IReadOnlyDictionary<string, Matrix<double>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream(Write(tensors, metadata));
        return SafeTensorsFile.Read(stream);
    }

    [Fact]
    public void Special_values_survive_bit_for_bit()
    {
        double quietNaNWithPayload = BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF);
        double negativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF0_0000_0000_0001));
        double[] specials =
        [
            0.0, -0.0, double.NaN, quietNaNWithPayload, negativeNaN, double.PositiveInfinity,
            double.NegativeInfinity, double.Epsilon, -double.Epsilon, 2.2250738585072009e-308,
            double.MaxValue, double.MinValue, 1.0 / 3.0,
        ];
        var m = Matrix<double>.Build.Dense(1, specials.Length, specials);

        Matrix<double> back = RoundTrip(new Dictionary<string, Matrix<double>> { ["s"] = m }).Tensors["s"];

        BitEqual(back, m).Should().BeTrue();
        back.Row(0).ToArray().Select(BitConverter.DoubleToInt64Bits)
            .Should().Equal(specials.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Row_major_order_is_written_and_read_back()
    {
        var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        byte[] file = Write(new Dictionary<string, Matrix<double>> { ["w"] = m });

        byte[] data = file[^48..];
        data.Should().Equal(F64(1, 2, 3, 4, 5, 6));
        RoundTrip(new Dictionary<string, Matrix<double>> { ["w"] = m }).Tensors["w"].Should().Be(m);
    }

    [Fact]
    public void Random_sets_of_named_matrices_round_trip_bit_exactly()
    {
        // Shapes include 0 rows and 0 columns; values are arbitrary bit patterns (every NaN payload too).
        Gen<Matrix<double>> matrix =
            from rows in Gen.Int[0, 5]
            from columns in Gen.Int[0, 5]
            from bits in Gen.Long.Array[rows * columns]
            select Matrix<double>.Build.Dense(rows, columns, bits.Select(BitConverter.Int64BitsToDouble).ToArray());
        Gen<Dictionary<string, Matrix<double>>> sets =
            Gen.Char["ab._Z09é"].Array[0, 5].Select(chars => new string(chars)).Dictionary(matrix)[0, 6];

        sets.Sample(tensors =>
        {
            SafeTensorsContent back = RoundTrip(tensors);
            back.Tensors.Keys.Should().BeEquivalentTo(tensors.Keys);
            back.Tensors.Keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
            foreach ((string name, Matrix<double> m) in tensors)
            {
                BitEqual(back.Tensors[name], m).Should().BeTrue($"tensor '{name}' is {m.RowCount}x{m.ColumnCount}");
            }

            back.Metadata.Should().BeEmpty();
        }, iter: 200);
    }

    [Fact]
    public void Writing_is_deterministic_whatever_the_dictionary_order_or_storage()
    {
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 2.5 } });
        var forward = new Dictionary<string, Matrix<double>> { ["a"] = w, ["b"] = Matrix<double>.Build.Dense(1, 1, 7) };
        var backward = new Dictionary<string, Matrix<double>>
        {
            ["b"] = Matrix<double>.Build.Dense(1, 1, 7),
            ["a"] = Matrix<double>.Build.SparseOfMatrix(w),
        };
        var meta1 = new Dictionary<string, string> { ["x"] = "1", ["format"] = "mlmath" };
        var meta2 = new Dictionary<string, string> { ["format"] = "mlmath", ["x"] = "1" };

        Write(forward, meta1).Should().Equal(Write(backward, meta2));
        Write(forward, meta1).Should().Equal(Write(forward, meta1));
    }

    [Fact]
    public void Metadata_round_trips_and_empty_metadata_is_omitted()
    {
        var tensors = new Dictionary<string, Matrix<double>> { ["w"] = Matrix<double>.Build.Dense(2, 2, 1) };
        var metadata = new Dictionary<string, string> { ["format"] = "mlmath", ["step"] = "12", ["ünï"] = "çødé \"q\"" };

        RoundTrip(tensors, metadata).Metadata.Should().Equal(metadata);
        HeaderOf(Write(tensors, new Dictionary<string, string>())).Should().NotContain(SafeTensorsFile.MetadataKey);
    }

    [Fact]
    public void Writer_header_is_json_with_the_expected_fields_and_alignment()
    {
        var tensors = new Dictionary<string, Matrix<double>>
        {
            ["layer.weight"] = Matrix<double>.Build.Dense(2, 3),
            ["layer.bias"] = Matrix<double>.Build.Dense(1, 3),
            ["empty"] = Matrix<double>.Build.Dense(0, 4),
        };
        byte[] file = Write(tensors, new Dictionary<string, string> { ["format"] = "mlmath" });
        string header = HeaderOf(file);

        ((8 + header.Length) % 8).Should().Be(0, "the data section starts at a multiple of 8 bytes");
        header.TrimEnd(' ').Should().NotEndWith(" ");
        using JsonDocument json = JsonDocument.Parse(header);
        JsonElement root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should()
            .Equal(SafeTensorsFile.MetadataKey, "empty", "layer.bias", "layer.weight");
        root.GetProperty(SafeTensorsFile.MetadataKey).GetProperty("format").GetString().Should().Be("mlmath");
        (string Name, int[] Shape, long[] Offsets)[] expected =
        [
            ("empty", [0, 4], [0, 0]),
            ("layer.bias", [1, 3], [0, 24]),
            ("layer.weight", [2, 3], [24, 72]),
        ];
        foreach ((string name, int[] shape, long[] offsets) in expected)
        {
            JsonElement entry = root.GetProperty(name);
            entry.GetProperty("dtype").GetString().Should().Be("F64");
            entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(shape);
            entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(offsets);
        }

        file.Length.Should().Be(8 + header.Length + 72);
    }

    [Fact]
    public void Save_and_Load_use_a_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlmath-safetensors-{Guid.NewGuid():N}.safetensors");
        try
        {
            var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, -2 }, { 3.5, double.NaN } });
            SafeTensorsFile.Save(path, new Dictionary<string, Matrix<double>> { ["m"] = m },
                new Dictionary<string, string> { ["k"] = "v" });

            SafeTensorsContent back = SafeTensorsFile.Load(path);

            BitEqual(back.Tensors["m"], m).Should().BeTrue();
            back.Metadata.Should().Equal(new Dictionary<string, string> { ["k"] = "v" });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_rejects_the_reserved_name_null_matrices_and_lone_surrogates()
    {
        var stream = new MemoryStream();
        var reserved = new Dictionary<string, Matrix<double>> { [SafeTensorsFile.MetadataKey] = Matrix<double>.Build.Dense(1, 1) };
        var nullMatrix = new Dictionary<string, Matrix<double>> { ["w"] = null! };
        var loneSurrogate = new Dictionary<string, Matrix<double>> { ["w\uD800"] = Matrix<double>.Build.Dense(1, 1) };

        FluentActions.Invoking(() => SafeTensorsFile.Write(stream, reserved))
            .Should().Throw<ArgumentException>().WithMessage("*'__metadata__' is reserved*");
        FluentActions.Invoking(() => SafeTensorsFile.Write(stream, nullMatrix))
            .Should().Throw<ArgumentNullException>().WithMessage("*tensor 'w' is null*");
        FluentActions.Invoking(() => SafeTensorsFile.Write(stream, loneSurrogate))
            .Should().Throw<ArgumentException>().WithMessage("*lone surrogate*");
        stream.Length.Should().Be(0, "nothing is written when validation fails");
    }
}
