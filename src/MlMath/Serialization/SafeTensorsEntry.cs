using System.Globalization;

namespace MlMath.Serialization;

/// <summary>
/// One validated tensor entry of a safetensors header: its name, element type, stored shape, byte range in
/// the data section (<c>[Begin, End)</c>, relative to the section's start) and the matrix it becomes.
/// </summary>
/// <param name="Name">The tensor's name (its key in the header object).</param>
/// <param name="DType">The header's dtype string; one of the two that MlMath reads, "F64" or "F32".</param>
/// <param name="Shape">The stored shape, rank 0, 1 or 2, every dimension &gt;= 0.</param>
/// <param name="Begin">First byte of the tensor in the data section.</param>
/// <param name="End">One past the last byte (exclusive).</param>
internal sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    /// <summary>Bytes per element: 8 for F64, 4 for F32.</summary>
    internal int ElementSize => DType == "F64" ? 8 : 4;

    /// <summary>Rows of the matrix: the first dimension of a rank-2 tensor, else 1.</summary>
    internal int Rows => Shape.Length == 2 ? (int)Shape[0] : 1;

    /// <summary>Columns of the matrix: the last dimension of a rank-1 or rank-2 tensor, else 1.</summary>
    internal int Columns => Shape.Length == 0 ? 1 : (int)Shape[^1];

    /// <summary>The byte range as the header writes it, e.g. "[0, 48]".</summary>
    internal string Offsets => string.Create(CultureInfo.InvariantCulture, $"[{Begin}, {End}]");

    /// <summary>The stored shape as the header writes it, e.g. "[2, 3]".</summary>
    internal string ShapeText => FormatShape(Shape);

    /// <summary>Formats a shape as a JSON-like list, e.g. "[2, 3]" or "[]".</summary>
    internal static string FormatShape(IEnumerable<long> shape) =>
        "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
