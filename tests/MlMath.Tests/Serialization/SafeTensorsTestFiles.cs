using System.Buffers.Binary;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Tests.Serialization;

/// <summary>Builds safetensors bytes by hand, straight from the format's description, for the tests.</summary>
internal static class SafeTensorsTestFiles
{
    /// <summary>8-byte little-endian header length, the UTF-8 header, then the data section.</summary>
    internal static byte[] Build(string headerJson, byte[] data) =>
        Build((ulong)Encoding.UTF8.GetByteCount(headerJson), Encoding.UTF8.GetBytes(headerJson), data);

    /// <summary>Like <see cref="Build(string, byte[])"/> but with an arbitrary (possibly lying) length prefix.</summary>
    internal static byte[] Build(ulong declaredHeaderLength, byte[] header, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredHeaderLength);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    /// <summary>Little-endian F64 bytes of the values, in the given order.</summary>
    internal static byte[] F64(params double[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        }

        return bytes;
    }

    /// <summary>Little-endian F32 bytes of the values, in the given order.</summary>
    internal static byte[] F32(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }

    /// <summary>Zero bytes of the given length.</summary>
    internal static byte[] Zeros(int length) => new byte[length];

    /// <summary>The bytes the writer produces for the tensors and metadata.</summary>
    internal static byte[] Write(
        IReadOnlyDictionary<string, Matrix<double>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        MlMath.Serialization.SafeTensorsFile.Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    /// <summary>The header JSON of a file (without trailing padding).</summary>
    internal static string HeaderOf(byte[] file)
    {
        int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        return Encoding.UTF8.GetString(file, 8, length);
    }

    /// <summary>True when the two matrices have equal shapes and bit-identical entries (NaN payloads, -0.0).</summary>
    internal static bool BitEqual(Matrix<double> a, Matrix<double> b)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
        {
            return false;
        }

        for (int i = 0; i < a.RowCount; i++)
        {
            for (int j = 0; j < a.ColumnCount; j++)
            {
                if (BitConverter.DoubleToInt64Bits(a[i, j]) != BitConverter.DoubleToInt64Bits(b[i, j]))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
