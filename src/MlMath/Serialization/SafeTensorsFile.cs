using System.Buffers.Binary;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Serialization;

/// <summary>
/// Reads and writes named matrices in the safetensors format, the simple, safe tensor file format of
/// Hugging Face (https://github.com/huggingface/safetensors) that PyTorch, JAX and most model hubs use to
/// store weights.
/// </summary>
/// <remarks>
/// <para>A safetensors file has three parts, one after the other:</para>
/// <list type="number">
/// <item><description>8 bytes: the header's length <c>N</c> in bytes, an unsigned 64-bit integer stored
/// little-endian (least significant byte first).</description></item>
/// <item><description><c>N</c> bytes: the header, a UTF-8 JSON object. Each key is a tensor's name and its
/// value says how to find the tensor: <c>{"dtype": "F64", "shape": [2, 3], "data_offsets": [0, 48]}</c>.
/// <c>dtype</c> names the element type (F64 is an IEEE 754 double, F32 a single, and there are integer and
/// 16-bit float types); <c>shape</c> lists the dimensions (empty for a scalar); <c>data_offsets</c> is the
/// half-open byte range <c>[begin, end)</c> of the tensor in the data section, counted from the section's
/// first byte. One key may instead be <c>"__metadata__"</c>, an object mapping strings to strings (for
/// example a format or a training step). The header may end with spaces so that the data section starts
/// at a multiple of 8 bytes.</description></item>
/// <item><description>The data section: each tensor's elements as raw little-endian numbers in row-major
/// (C) order, the last index varying fastest. The byte ranges of the tensors cover the section exactly,
/// without overlaps or gaps.</description></item>
/// </list>
/// <para>The format's point is safety: reading it runs no code (unlike Python's pickle), and a reader can
/// check the header completely before it allocates memory for the tensors. This reader does exactly that:
/// header length bounds (at least 2, at most <see cref="MaxHeaderLength"/> and at most what the stream
/// holds), well-formed JSON of the expected shape, unique names, supported dtypes, non-negative integer
/// dimensions, byte sizes that match the shapes (overflow-checked), and byte ranges that tile the data
/// section exactly. Any violation throws <see cref="SafeTensorsFormatException"/> naming the tensor and the
/// numbers involved.</para>
/// <para><b>Matrices.</b> MlMath's values are matrices, so a rank-2 tensor <c>[r, c]</c> is read as an
/// <c>r x c</c> matrix, a rank-1 tensor <c>[n]</c> as a <c>1 x n</c> row and a rank-0 tensor as a
/// <c>1 x 1</c> matrix; higher ranks are rejected. MathNet stores a dense matrix column by column
/// (entry <c>(i, j)</c> of an <c>r x c</c> matrix at <c>j r + i</c>) while the file stores it row by row
/// (at <c>i c + j</c>), so reading and writing transpose the element order. Tensors with a zero dimension
/// (for example <c>0 x 3</c>) are allowed both ways.</para>
/// <para><b>Element types.</b> <see cref="Write"/> always writes F64, so a round trip is bit-exact (NaN
/// payloads, -0.0, infinities and subnormals included). <see cref="Read"/> accepts F64 and F32; an F32 value
/// is widened to the double with the same value (exact; a NaN stays a NaN). Any other dtype (I64, BF16,
/// ...) is a <see cref="SafeTensorsFormatException"/> naming the tensor and the dtype.</para>
/// </remarks>
public static partial class SafeTensorsFile
{
    /// <summary>
    /// The largest header, in bytes, that <see cref="Read"/> accepts: 100,000,000 bytes, the same limit as
    /// the reference Rust implementation. It bounds what a hostile length prefix can make the reader allocate.
    /// </summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>The reserved header key that holds the string-to-string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Size of the chunks in which tensor bytes are read and written (a multiple of 8).</summary>
    private const int ChunkBytes = 1 << 16;

    /// <summary>
    /// Reads a safetensors file that starts at the stream's current position and ends where the stream ends.
    /// </summary>
    /// <remarks>The whole header is validated before any tensor is allocated (see the type's remarks). The
    /// stream must be seekable so that the header length can be checked against the bytes that follow it;
    /// copy a network stream into a file or a <see cref="MemoryStream"/> first. The stream is left open.</remarks>
    /// <param name="source">A readable, seekable stream positioned at the file's first byte.</param>
    /// <returns>The tensors as matrices (see the type's remarks for ranks and dtypes) and the metadata.</returns>
    /// <exception cref="ArgumentNullException">source is null.</exception>
    /// <exception cref="ArgumentException">source cannot read or cannot seek.</exception>
    /// <exception cref="SafeTensorsFormatException">the bytes are not a valid safetensors file that MlMath
    /// reads; the message names the tensor and the numbers involved.</exception>
    public static SafeTensorsContent Read(Stream source)
    {
        const string method = "SafeTensorsFile.Read";
        CheckReadable(source, method);
        SafeTensorsHeader header = SafeTensorsHeader.ReadFrom(source, method);
        var tensors = new SortedDictionary<string, Matrix<double>>(StringComparer.Ordinal);
        foreach (SafeTensorsEntry entry in header.Entries)
        {
            tensors.Add(entry.Name, ReadTensor(source, header.DataStart, entry, method));
        }

        return new SafeTensorsContent(tensors, header.Metadata);
    }

    /// <summary>Reads the safetensors file at a path; see <see cref="Read"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The tensors as matrices and the metadata.</returns>
    /// <exception cref="ArgumentException">path is null or empty.</exception>
    /// <exception cref="SafeTensorsFormatException">the file is not a valid safetensors file that MlMath reads.</exception>
    /// <exception cref="IOException">the file cannot be opened or read.</exception>
    public static SafeTensorsContent Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(stream);
    }

    private static void CheckReadable(Stream source, string method)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.CanRead || !source.CanSeek)
        {
            throw new ArgumentException(
                $"{method}: the stream must be readable and seekable (CanRead {source.CanRead}, CanSeek {source.CanSeek})",
                nameof(source));
        }
    }

    /// <summary>
    /// Reads one validated tensor's bytes into a new dense matrix, turning the file's row-major order into
    /// MathNet's column-major storage and widening F32 to double.
    /// </summary>
    private static Matrix<double> ReadTensor(Stream source, long dataStart, SafeTensorsEntry entry, string method)
    {
        int rows = entry.Rows, columns = entry.Columns, size = entry.ElementSize;
        var values = new double[(long)rows * columns];
        source.Position = dataStart + entry.Begin;
        byte[] buffer = new byte[(int)Math.Min(ChunkBytes, entry.End - entry.Begin)];
        int row = 0, column = 0;
        for (long remaining = entry.End - entry.Begin; remaining > 0;)
        {
            int chunk = (int)Math.Min(buffer.Length, remaining);
            if (source.ReadAtLeast(buffer.AsSpan(0, chunk), chunk, throwOnEndOfStream: false) < chunk)
            {
                throw new SafeTensorsFormatException(
                    $"{method}: the file ended inside tensor '{entry.Name}' data_offsets {entry.Offsets} (was it truncated while being read?)")
                { TensorName = entry.Name };
            }

            for (int offset = 0; offset < chunk; offset += size)
            {
                ReadOnlySpan<byte> bytes = buffer.AsSpan(offset, size);
                values[((long)column * rows) + row] = size == 8
                    ? BinaryPrimitives.ReadDoubleLittleEndian(bytes)
                    : BinaryPrimitives.ReadSingleLittleEndian(bytes);
                if (++column == columns)
                {
                    column = 0;
                    row++;
                }
            }

            remaining -= chunk;
        }

        return Matrix<double>.Build.Dense(rows, columns, values);
    }
}
