using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Serialization;

public static partial class SafeTensorsFile
{
    /// <summary>
    /// Writes named matrices, and optional metadata, to a stream as a safetensors file.
    /// </summary>
    /// <remarks>
    /// <para>Each matrix becomes an F64 tensor of shape <c>[rows, columns]</c> (always rank 2, also for
    /// <c>1 x n</c> rows and <c>1 x 1</c> scalars), its elements in row-major order. Tensors are laid out
    /// back to back in ordinal name order, starting at offset 0; metadata keys are also written in ordinal
    /// order, and the header is padded with spaces so the data section starts at a multiple of 8 bytes.
    /// The output is therefore deterministic: the same names, shapes, values (bit for bit) and metadata
    /// give the same bytes, whatever the dictionaries' enumeration order or the matrices' storage kind.</para>
    /// <para>Everything is validated before the first byte is written. The stream is left open.</para>
    /// </remarks>
    /// <param name="destination">A writable stream; it need not be seekable.</param>
    /// <param name="tensors">The matrices by name. A name may be any string except
    /// <see cref="MetadataKey"/>, and must be valid UTF-16 (no lone surrogates).</param>
    /// <param name="metadata">Optional free-form strings stored under <see cref="MetadataKey"/>; omitted from
    /// the header when null or empty.</param>
    /// <exception cref="ArgumentNullException">destination, tensors, a matrix or a metadata value is null.</exception>
    /// <exception cref="ArgumentException">destination cannot write, or a name is reserved or not valid UTF-16.</exception>
    public static void Write(
        Stream destination,
        IReadOnlyDictionary<string, Matrix<double>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        const string method = "SafeTensorsFile.Write";
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(tensors);
        if (!destination.CanWrite)
        {
            throw new ArgumentException($"{method}: the stream is not writable", nameof(destination));
        }

        string[] names = [.. tensors.Keys.Order(StringComparer.Ordinal)];
        foreach (string name in names)
        {
            if (name == MetadataKey)
            {
                throw new ArgumentException($"{method}: '{MetadataKey}' is reserved for metadata and cannot name a tensor", nameof(tensors));
            }

            CheckUtf16(name, method, nameof(tensors), "tensor name");
            if (tensors[name] is null)
            {
                throw new ArgumentNullException(nameof(tensors), $"{method}: tensor '{name}' is null");
            }
        }

        foreach ((string key, string value) in metadata ?? new Dictionary<string, string>())
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(metadata), $"{method}: metadata value for '{key}' is null");
            }

            CheckUtf16(key, method, nameof(metadata), "metadata key");
            CheckUtf16(value, method, nameof(metadata), $"metadata value for '{key}'");
        }

        byte[] header = BuildHeader(names, tensors, metadata);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        destination.Write(prefix);
        destination.Write(header);
        byte[] buffer = new byte[ChunkBytes];
        foreach (string name in names)
        {
            WriteRowMajor(destination, tensors[name], buffer);
        }
    }

    /// <summary>Writes a safetensors file at a path, replacing any file there; see <see cref="Write"/>.</summary>
    /// <remarks>The file is written in place: if writing fails part way, the file is left incomplete (and
    /// a later <see cref="Load"/> rejects it).</remarks>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="tensors">The matrices by name.</param>
    /// <param name="metadata">Optional free-form strings stored under <see cref="MetadataKey"/>.</param>
    /// <exception cref="ArgumentException">path is null or empty, or the arguments are invalid as for <see cref="Write"/>.</exception>
    /// <exception cref="IOException">the file cannot be created or written.</exception>
    public static void Save(
        string path,
        IReadOnlyDictionary<string, Matrix<double>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(stream, tensors, metadata);
    }

    /// <summary>
    /// The header JSON, compact, with <see cref="MetadataKey"/> first (if any) and then the tensors in the
    /// given order with back-to-back offsets, padded with spaces to a multiple of 8 bytes.
    /// </summary>
    private static byte[] BuildHeader(
        string[] names, IReadOnlyDictionary<string, Matrix<double>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps non-ASCII names readable as UTF-8; the header is never embedded in HTML.
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                foreach (string key in metadata.Keys.Order(StringComparer.Ordinal))
                {
                    writer.WriteString(key, metadata[key]);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach (string name in names)
            {
                Matrix<double> m = tensors[name];
                long end = offset + (8L * m.RowCount * m.ColumnCount);
                writer.WriteStartObject(name);
                writer.WriteString("dtype", "F64");
                writer.WriteStartArray("shape");
                writer.WriteNumberValue(m.RowCount);
                writer.WriteNumberValue(m.ColumnCount);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset = end;
            }

            writer.WriteEndObject();
        }

        int padded = (json.WrittenCount + 7) / 8 * 8;
        byte[] header = new byte[padded];
        json.WrittenSpan.CopyTo(header);
        header.AsSpan(json.WrittenCount).Fill((byte)' ');
        return header;
    }

    /// <summary>Writes a matrix's elements as little-endian doubles, row by row, through the buffer.</summary>
    private static void WriteRowMajor(Stream destination, Matrix<double> m, byte[] buffer)
    {
        int rows = m.RowCount, columns = m.ColumnCount;
        double[] columnMajor = m.AsColumnMajorArray() ?? m.ToColumnMajorArray();
        int used = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                if (used == buffer.Length)
                {
                    destination.Write(buffer, 0, used);
                    used = 0;
                }

                BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(used, 8), columnMajor[((long)j * rows) + i]);
                used += 8;
            }
        }

        destination.Write(buffer, 0, used);
    }

    /// <summary>Throws if the text has a lone surrogate, which has no UTF-8 encoding.</summary>
    private static void CheckUtf16(string text, string method, string parameter, string what)
    {
        try
        {
            _ = StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"{method}: {what} is not valid UTF-16 (it has a lone surrogate)", parameter, e);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
