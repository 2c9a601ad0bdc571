using System.Text;
using MlMath.Serialization;
using static MlMath.Tests.Serialization.SafeTensorsTestFiles;

namespace MlMath.Tests.Serialization;

/// <summary>Every violation of the format is a <see cref="SafeTensorsFormatException"/> naming what is wrong.</summary>
public sealed class SafeTensorsMalformedTests
{
    private const string Matrix2x3 = "{\"w\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}}";

    private static FluentAssertions.Specialized.ExceptionAssertions<SafeTensorsFormatException> Rejects(byte[] file) =>
        FluentActions.Invoking(() => SafeTensorsFile.Read(new MemoryStream(file)))
            .Should().Throw<SafeTensorsFormatException>();

    private static FluentAssertions.Specialized.ExceptionAssertions<SafeTensorsFormatException> RejectsHeader(string header, int dataBytes) =>
        Rejects(Build(header, Zeros(dataBytes)));

    [Fact]
    public void A_well_formed_file_is_accepted_by_the_same_helpers() =>
        SafeTensorsFile.Read(new MemoryStream(Build(Matrix2x3, Zeros(48)))).Tensors["w"].RowCount.Should().Be(2);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_file_shorter_than_the_length_prefix_is_rejected(int length) =>
        Rejects(new byte[length]).WithMessage($"SafeTensorsFile.Read: the file has {length} bytes, fewer than the 8-byte header length*");

    [Fact]
    public void A_file_truncated_inside_the_data_is_rejected()
    {
        byte[] file = Build(Matrix2x3, Zeros(48));
        Rejects(file[..^8]).WithMessage("*tensor 'w' data_offsets [0, 48] exceed the data section of 40 bytes");
    }

    [Fact]
    public void A_file_truncated_inside_the_header_is_rejected()
    {
        byte[] file = Build(Matrix2x3, Zeros(48));
        Rejects(file[..20]).WithMessage($"*header length {Matrix2x3.Length} exceeds the 12 bytes that follow the length prefix");
    }

    [Fact]
    public void A_huge_header_length_is_rejected_before_allocating()
    {
        Rejects(Build(ulong.MaxValue, Encoding.UTF8.GetBytes("{}"), []))
            .WithMessage($"*header length {ulong.MaxValue} exceeds the limit of 100000000 bytes");
        Rejects(Build(100_000_001, Encoding.UTF8.GetBytes("{}"), []))
            .WithMessage("*header length 100000001 exceeds the limit*");
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    public void A_header_length_below_2_is_rejected(ulong length) =>
        Rejects(Build(length, Encoding.UTF8.GetBytes("{}"), [])).WithMessage($"*header length {length} is less than 2*");

    [Fact]
    public void A_header_length_larger_than_the_file_is_rejected() =>
        Rejects(Build(1000, Encoding.UTF8.GetBytes("{}"), Zeros(6)))
            .WithMessage("*header length 1000 exceeds the 8 bytes that follow the length prefix");

    [Theory]
    [InlineData("{\"w\":")]
    [InlineData("not json")]
    [InlineData("{\"w\":{}}}")]
    [InlineData("{'w':1}")]
    public void Invalid_json_is_rejected(string header) =>
        RejectsHeader(header, 0).WithMessage("*the header is not well-formed UTF-8 JSON*")
            .WithInnerException<System.Text.Json.JsonException>();

    [Fact]
    public void Invalid_utf8_is_rejected() =>
        Rejects(Build(7, [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'], []))
            .WithMessage("SafeTensorsFile.Read: the header is not valid UTF-8: bad byte 0xFF at header offset 2");

    [Theory]
    [InlineData("[]", "*the header must be a JSON object but is a Array")]
    [InlineData("{\"w\":[]}", "*tensor 'w' must be a JSON object with dtype, shape and data_offsets but is a Array")]
    [InlineData("{\"w\":{\"shape\":[],\"data_offsets\":[0,8]}}", "*tensor 'w' has no dtype field")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"data_offsets\":[0,8]}}", "*tensor 'w' has no shape field")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[]}}", "*tensor 'w' has no data_offsets field")]
    [InlineData("{\"w\":{\"dtype\":64,\"shape\":[],\"data_offsets\":[0,8]}}", "*tensor 'w' dtype must be a JSON string but is a Number")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":\"[]\",\"data_offsets\":[0,8]}}", "*tensor 'w' shape must be a JSON array of integers but is a String")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", "*tensor 'w' shape[0] is -1, not a non-negative integer*")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[1,1.5],\"data_offsets\":[0,8]}}", "*tensor 'w' shape[1] is 1.5, not a non-negative integer*")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[\"1\"],\"data_offsets\":[0,8]}}", "*tensor 'w' shape[0] is \"1\", not a non-negative integer*")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,99999999999999999999]}}", "*tensor 'w' data_offsets[1] is 99999999999999999999, not*")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8,16]}}", "*tensor 'w' data_offsets [0, 8, 16] must have exactly 2 entries*")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,0]}}", "*tensor 'w' data_offsets [8, 0] are reversed*")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8],\"extra\":1}}", "*tensor 'w' has the unknown field 'extra'*")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", "*tensor 'w' has the field 'dtype' twice")]
    [InlineData("{\"__metadata__\":[],\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", "*__metadata__ must be a JSON object of strings but is a Array")]
    [InlineData("{\"__metadata__\":{\"step\":1},\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", "*__metadata__ entry 'step' must be a JSON string but is a Number")]
    public void Entries_of_the_wrong_json_kind_are_rejected(string header, string message) =>
        RejectsHeader(header, 8).WithMessage(message);

    [Fact]
    public void Duplicate_names_are_rejected() =>
        RejectsHeader(
            "{\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]}}", 16)
            .WithMessage("*the header has the key 'w' twice").Which.TensorName.Should().Be("w");

    [Theory]
    [InlineData("I64")]
    [InlineData("BF16")]
    [InlineData("F16")]
    [InlineData("f64")]
    public void Unsupported_dtypes_are_rejected_naming_tensor_and_dtype(string dtype) =>
        RejectsHeader($"{{\"w\":{{\"dtype\":\"{dtype}\",\"shape\":[1],\"data_offsets\":[0,8]}}}}", 8)
            .WithMessage($"SafeTensorsFile.Read: tensor 'w' has dtype '{dtype}', which MlMath does not read (it reads F64 and F32)")
            .Which.TensorName.Should().Be("w");

    [Theory]
    [InlineData("F64", "[2,3]", "[0,40]", 40, "*tensor 'w' of dtype F64 and shape [2, 3] needs 48 bytes but data_offsets [0, 40] span 40")]
    [InlineData("F32", "[2,3]", "[0,48]", 48, "*tensor 'w' of dtype F32 and shape [2, 3] needs 24 bytes but data_offsets [0, 48] span 48")]
    [InlineData("F64", "[4294967296,4294967296]", "[0,8]", 8, "*tensor 'w' of shape [4294967296, 4294967296] has more bytes than 2^63 - 1")]
    public void Byte_size_must_match_the_shape(string dtype, string shape, string offsets, int dataBytes, string message) =>
        RejectsHeader($"{{\"w\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":{offsets}}}}}", dataBytes)
            .WithMessage(message);

    [Fact]
    public void Offsets_beyond_the_data_section_are_rejected() =>
        RejectsHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[10],\"data_offsets\":[0,80]}}", 72)
            .WithMessage("SafeTensorsFile.Read: tensor 'w' data_offsets [0, 80] exceed the data section of 72 bytes");

    [Fact]
    public void Overlapping_offsets_are_rejected() =>
        RejectsHeader(
            "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}", 24)
            .WithMessage("*tensor 'b' data_offsets [8, 24] overlap tensor 'a' data_offsets [0, 16]");

    [Fact]
    public void Two_tensors_sharing_bytes_are_rejected() =>
        RejectsHeader(
            "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 16)
            .WithMessage("*tensor 'b' data_offsets [0, 16] overlap tensor 'a' data_offsets [0, 16]");

    [Fact]
    public void Gaps_and_trailing_bytes_are_rejected()
    {
        RejectsHeader("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", 16)
            .WithMessage("*tensor 'a' data_offsets [8, 16] leave a gap of 8 unused bytes after the start of the data section");
        RejectsHeader(
            "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", 16)
            .WithMessage("*tensor 'b' data_offsets [12, 16] leave a gap of 4 unused bytes after tensor 'a' data_offsets [0, 8]");
        RejectsHeader(Matrix2x3, 56).WithMessage("*the data section has 56 bytes but the tensors cover only the first 48");
    }

    [Fact]
    public void Tensors_of_rank_above_2_are_rejected() =>
        RejectsHeader("{\"t\":{\"dtype\":\"F64\",\"shape\":[1,2,1],\"data_offsets\":[0,16]}}", 16)
            .WithMessage("*tensor 't' has rank 3 (shape [1, 2, 1]); MlMath reads tensors of rank 0, 1 and 2 as matrices");

    [Fact]
    public void Dimensions_too_large_for_a_matrix_are_rejected_before_allocating() =>
        RejectsHeader("{\"t\":{\"dtype\":\"F64\",\"shape\":[2147483648,0],\"data_offsets\":[0,0]}}", 0)
            .WithMessage("*tensor 't' of shape [2147483648, 0] is too large for one MathNet matrix");

    [Fact]
    public void Unreadable_or_unseekable_streams_are_argument_errors()
    {
        FluentActions.Invoking(() => SafeTensorsFile.Read(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => SafeTensorsFile.Read(new NonSeekableStream(Build("{}", []))))
            .Should().Throw<ArgumentException>().WithMessage("*must be readable and seekable*CanSeek False*");
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
