using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace MlMath.Serialization;

/// <summary>
/// A safetensors header that has been read and fully validated: the tensor entries sorted by their byte
/// offsets, the metadata, and where the data section starts in the stream.
/// </summary>
/// <remarks>
/// <see cref="ReadFrom"/> reads only the 8-byte length prefix and the JSON header; it allocates nothing
/// for tensor data, so every check on a file happens before the (possibly large) tensor storage exists.
/// </remarks>
internal sealed class SafeTensorsHeader
{
    private SafeTensorsHeader(
        IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string> metadata, long dataStart)
    {
        Entries = entries;
        Metadata = metadata;
        DataStart = dataStart;
    }

    /// <summary>The tensor entries, sorted by (Begin, End, ordinal name): the order of their bytes.</summary>
    internal IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> strings, sorted by ordinal key.</summary>
    internal IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The stream position of the data section's first byte.</summary>
    internal long DataStart { get; }

    /// <summary>
    /// Reads and validates the length prefix and header starting at the stream's current position; the
    /// file is taken to end where the stream ends.
    /// </summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="method">The public method's name, which starts every error message.</param>
    /// <returns>The validated header; the stream is left just after it.</returns>
    internal static SafeTensorsHeader ReadFrom(Stream stream, string method)
    {
        long available = stream.Length - stream.Position;
        if (available < 8)
        {
            throw Error(method, null,
                $"the file has {available} bytes, fewer than the 8-byte header length that starts every safetensors file");
        }

        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength < 2)
        {
            throw Error(method, null, $"header length {headerLength} is less than 2, the length of the smallest JSON object \"{{}}\"");
        }

        if (headerLength > (ulong)SafeTensorsFile.MaxHeaderLength)
        {
            throw Error(method, null,
                $"header length {headerLength} exceeds the limit of {SafeTensorsFile.MaxHeaderLength} bytes");
        }

        if (headerLength > (ulong)(available - 8))
        {
            throw Error(method, null,
                $"header length {headerLength} exceeds the {available - 8} bytes that follow the length prefix");
        }

        byte[] json = new byte[headerLength];
        stream.ReadExactly(json);
        long dataLength = available - 8 - (long)headerLength;
        return Parse(json, dataLength, stream.Position, method);
    }

    private static SafeTensorsHeader Parse(byte[] json, long dataLength, long dataStart, string method)
    {
        // System.Text.Json does not check property names for valid UTF-8 while parsing, so check first.
        for (int offset = 0; offset < json.Length;)
        {
            if (Rune.DecodeFromUtf8(json.AsSpan(offset), out _, out int consumed) != OperationStatus.Done)
            {
                throw Error(method, null, $"the header is not valid UTF-8: bad byte 0x{json[offset]:X2} at header offset {offset}");
            }

            offset += consumed;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException($"{method}: the header is not well-formed UTF-8 JSON: {e.Message}", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(method, null, $"the header must be a JSON object but is a {root.ValueKind}");
            }

            var entries = new List<SafeTensorsEntry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            SortedDictionary<string, string>? metadata = null;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw Error(method, property.Name == SafeTensorsFile.MetadataKey ? null : property.Name,
                        $"the header has the key '{property.Name}' twice");
                }

                if (property.Name == SafeTensorsFile.MetadataKey)
                {
                    metadata = ParseMetadata(property.Value, method);
                }
                else
                {
                    entries.Add(ParseEntry(property.Name, property.Value, dataLength, method));
                }
            }

            entries.Sort(static (a, b) =>
                a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin)
                : a.End != b.End ? a.End.CompareTo(b.End)
                : string.CompareOrdinal(a.Name, b.Name));
            CheckLayout(entries, dataLength, method);
            return new SafeTensorsHeader(entries, metadata ?? new SortedDictionary<string, string>(StringComparer.Ordinal), dataStart);
        }
    }

    private static SortedDictionary<string, string> ParseMetadata(JsonElement value, string method)
    {
        string key = SafeTensorsFile.MetadataKey;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error(method, null, $"{key} must be a JSON object of strings but is a {value.ValueKind}");
        }

        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Error(method, null, $"{key} entry '{item.Name}' must be a JSON string but is a {item.Value.ValueKind}");
            }

            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw Error(method, null, $"{key} has the key '{item.Name}' twice");
            }
        }

        return metadata;
    }

    private static SafeTensorsEntry ParseEntry(string name, JsonElement value, long dataLength, string method)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error(method, name,
                $"tensor '{name}' must be a JSON object with dtype, shape and data_offsets but is a {value.ValueKind}");
        }

        JsonElement? dtypeValue = null, shapeValue = null, offsetsValue = null;
        foreach (JsonProperty field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype": dtypeValue = Once(dtypeValue, field, name, method); break;
                case "shape": shapeValue = Once(shapeValue, field, name, method); break;
                case "data_offsets": offsetsValue = Once(offsetsValue, field, name, method); break;
                default:
                    throw Error(method, name,
                        $"tensor '{name}' has the unknown field '{field.Name}' (expected dtype, shape and data_offsets)");
            }
        }

        string dtype = ParseDType(name, dtypeValue ?? throw Missing(method, name, "dtype"), method);
        long[] shape = ParseIntegers(name, "shape", shapeValue ?? throw Missing(method, name, "shape"), method);
        long[] offsets = ParseIntegers(name, "data_offsets", offsetsValue ?? throw Missing(method, name, "data_offsets"), method);
        if (offsets.Length != 2)
        {
            throw Error(method, name,
                $"tensor '{name}' data_offsets {SafeTensorsEntry.FormatShape(offsets)} must have exactly 2 entries, [begin, end]");
        }

        var entry = new SafeTensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
        CheckEntry(entry, dataLength, method);
        return entry;
    }

    private static string ParseDType(string name, JsonElement value, string method)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error(method, name, $"tensor '{name}' dtype must be a JSON string but is a {value.ValueKind}");
        }

        string dtype = value.GetString()!;
        if (dtype is not ("F64" or "F32"))
        {
            throw Error(method, name,
                $"tensor '{name}' has dtype '{dtype}', which MlMath does not read (it reads F64 and F32)");
        }

        return dtype;
    }

    private static long[] ParseIntegers(string name, string field, JsonElement value, string method)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(method, name, $"tensor '{name}' {field} must be a JSON array of integers but is a {value.ValueKind}");
        }

        var result = new long[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long n) || n < 0)
            {
                throw Error(method, name,
                    $"tensor '{name}' {field}[{i}] is {item.GetRawText()}, not a non-negative integer below 2^63");
            }

            result[i++] = n;
        }

        return result;
    }

    private static void CheckEntry(SafeTensorsEntry e, long dataLength, string method)
    {
        string name = e.Name;
        if (e.Begin > e.End)
        {
            throw Error(method, name, $"tensor '{name}' data_offsets {e.Offsets} are reversed (begin > end)");
        }

        long byteSize;
        try
        {
            byteSize = e.ElementSize;
            foreach (long dimension in e.Shape)
            {
                byteSize = checked(byteSize * dimension);
            }
        }
        catch (OverflowException)
        {
            throw Error(method, name, $"tensor '{name}' of shape {e.ShapeText} has more bytes than 2^63 - 1");
        }

        if (byteSize != e.End - e.Begin)
        {
            throw Error(method, name,
                $"tensor '{name}' of dtype {e.DType} and shape {e.ShapeText} needs {byteSize} bytes but data_offsets {e.Offsets} span {e.End - e.Begin}");
        }

        if (e.End > dataLength)
        {
            throw Error(method, name, $"tensor '{name}' data_offsets {e.Offsets} exceed the data section of {dataLength} bytes");
        }

        if (e.Shape.Length > 2)
        {
            throw Error(method, name,
                $"tensor '{name}' has rank {e.Shape.Length} (shape {e.ShapeText}); MlMath reads tensors of rank 0, 1 and 2 as matrices");
        }

        // The size check above bounds every dimension by the data section, but a MathNet matrix also needs
        // int dimensions and an element count that fits one .NET array.
        if (e.Shape.Any(d => d > int.MaxValue) || byteSize / e.ElementSize > Array.MaxLength)
        {
            throw Error(method, name, $"tensor '{name}' of shape {e.ShapeText} is too large for one MathNet matrix");
        }
    }

    /// <summary>
    /// Checks that the byte ranges, in offset order, tile the data section exactly: the first starts at 0,
    /// each starts where the previous ends (no overlap, no gap), and the last ends at the section's end.
    /// </summary>
    private static void CheckLayout(List<SafeTensorsEntry> sorted, long dataLength, string method)
    {
        long expected = 0;
        SafeTensorsEntry? previous = null;
        foreach (SafeTensorsEntry e in sorted)
        {
            if (e.Begin < expected)
            {
                throw Error(method, e.Name,
                    $"tensor '{e.Name}' data_offsets {e.Offsets} overlap tensor '{previous!.Name}' data_offsets {previous.Offsets}");
            }

            if (e.Begin > expected)
            {
                string after = previous is null ? "the start of the data section" : $"tensor '{previous.Name}' data_offsets {previous.Offsets}";
                throw Error(method, e.Name,
                    $"tensor '{e.Name}' data_offsets {e.Offsets} leave a gap of {e.Begin - expected} unused bytes after {after}");
            }

            expected = e.End;
            previous = e;
        }

        if (expected != dataLength)
        {
            throw Error(method, null,
                $"the data section has {dataLength} bytes but the tensors cover only the first {expected}");
        }
    }

    /// <summary>Returns the field's value, or throws if the entry already had a field of this name.</summary>
    private static JsonElement Once(JsonElement? seen, JsonProperty field, string name, string method) =>
        seen is null ? field.Value : throw Error(method, name, $"tensor '{name}' has the field '{field.Name}' twice");

    private static SafeTensorsFormatException Missing(string method, string name, string field) =>
        Error(method, name, $"tensor '{name}' has no {field} field");

    /// <summary>A format error whose message is "method: message", numbers formatted invariantly.</summary>
    private static SafeTensorsFormatException Error(string method, string? tensorName, FormattableString message) =>
        new(method + ": " + FormattableString.Invariant(message)) { TensorName = tensorName };
}
