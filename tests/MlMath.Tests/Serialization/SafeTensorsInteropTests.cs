using System.Text;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Serialization;
using static MlMath.Tests.Serialization.SafeTensorsTestFiles;

namespace MlMath.Tests.Serialization;

/// <summary>Files built byte by byte from the format's description, as another implementation would write them.</summary>
public sealed class SafeTensorsInteropTests
{
    [Fact]
    public void A_hand_built_file_with_F64_matrix_F32_vector_scalar_and_metadata_is_read_correctly()
    {
        // Keys in no particular order, the metadata last, an F32 tensor, and the header padded with spaces
        // to a multiple of 8 (as Python's safetensors does).
        string header =
            "{\"w\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}," +
            "\"b\":{\"data_offsets\":[48,60],\"dtype\":\"F32\",\"shape\":[3]}," +
            "\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[60,68]}," +
            "\"__metadata__\":{\"format\":\"pt\"}}";
        header += new string(' ', (8 - ((8 + header.Length) % 8)) % 8);
        byte[] data = [.. F64(1, 2, 3, 4, 5, 6), .. F32(0.5f, -1.25f, float.NegativeInfinity), .. F64(-0.0)];
        byte[] file = Build(header, data);
        (file.Length % 8).Should().Be(4, "68 data bytes after an 8-aligned header");

        SafeTensorsContent content = SafeTensorsFile.Read(new MemoryStream(file));

        content.Tensors.Keys.Should().Equal("b", "s", "w");
        content.Tensors["w"].Should().Be(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }));
        content.Tensors["b"].Should().Be(Matrix<double>.Build.DenseOfArray(new double[,] { { 0.5, -1.25, double.NegativeInfinity } }));
        content.Tensors["s"].RowCount.Should().Be(1);
        content.Tensors["s"].ColumnCount.Should().Be(1);
        BitConverter.DoubleToInt64Bits(content.Tensors["s"][0, 0]).Should().Be(BitConverter.DoubleToInt64Bits(-0.0));
        content.Metadata.Should().Equal(new Dictionary<string, string> { ["format"] = "pt" });
    }

    [Fact]
    public void F32_values_are_widened_exactly()
    {
        float[] values = [0.1f, float.Epsilon, float.MaxValue, float.NaN];
        byte[] file = Build("{\"v\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", F32(values));

        Matrix<double> m = SafeTensorsFile.Read(new MemoryStream(file)).Tensors["v"];

        m[0, 0].Should().Be((double)0.1f);
        m[0, 1].Should().Be((double)float.Epsilon);
        m[1, 0].Should().Be((double)float.MaxValue);
        double.IsNaN(m[1, 1]).Should().BeTrue();
    }

    [Fact]
    public void Empty_header_and_zero_sized_tensors_are_accepted()
    {
        SafeTensorsFile.Read(new MemoryStream(Build("{}", []))).Tensors.Should().BeEmpty();

        byte[] file = Build(
            "{\"e\":{\"dtype\":\"F64\",\"shape\":[0,3],\"data_offsets\":[0,0]},\"v\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}",
            []);
        SafeTensorsContent content = SafeTensorsFile.Read(new MemoryStream(file));
        content.Tensors["e"].RowCount.Should().Be(0);
        content.Tensors["e"].ColumnCount.Should().Be(3);
        content.Tensors["v"].RowCount.Should().Be(1);
        content.Tensors["v"].ColumnCount.Should().Be(0);
    }

    [Fact]
    public void Reading_starts_at_the_stream_position()
    {
        byte[] file = Write(new Dictionary<string, Matrix<double>> { ["x"] = Matrix<double>.Build.Dense(1, 2, 4) });
        var stream = new MemoryStream([.. Encoding.ASCII.GetBytes("junk"), .. file]) { Position = 4 };

        SafeTensorsFile.Read(stream).Tensors["x"].Should().Be(Matrix<double>.Build.Dense(1, 2, 4));
    }
}
