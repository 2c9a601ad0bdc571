using System.Buffers.Binary;
using SkiaSharp;

namespace MlMath.Plotting.Tests;

/// <summary>Reads what the tests need from PNG bytes: the IHDR size and pixel statistics.</summary>
internal sealed class PngImage : IDisposable
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private PngImage(SKBitmap bitmap) => Bitmap = bitmap;

    public SKBitmap Bitmap { get; }

    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    public static PngImage Decode(byte[] png) =>
        new(SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a decodable image"));

    /// <summary>Width and height from the IHDR chunk: big-endian int32 at byte offsets 16 and 20.</summary>
    public static (int Width, int Height) HeaderSize(byte[] png)
    {
        png.Length.Should().BeGreaterThan(24);
        png.AsSpan(0, 8).ToArray().Should().Equal(Signature, "a PNG starts with its 8-byte signature");
        System.Text.Encoding.ASCII.GetString(png, 12, 4).Should().Be("IHDR", "the first chunk of a PNG is IHDR");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    /// <summary>Fraction of pixels that are not the (white) figure background.</summary>
    public double NonBackgroundFraction()
    {
        long count = 0;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                if (Bitmap.GetPixel(x, y) != SKColors.White)
                {
                    count++;
                }
            }
        }

        return (double)count / ((long)Width * Height);
    }

    /// <summary>Number of distinct colours.</summary>
    public int DistinctColors()
    {
        var colors = new HashSet<SKColor>();
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                colors.Add(Bitmap.GetPixel(x, y));
            }
        }

        return colors.Count;
    }

    /// <summary>Number of pixels in rows [top, bottom) that differ from the other image.</summary>
    public int DifferingPixels(PngImage other, int top, int bottom)
    {
        int count = 0;
        for (int y = top; y < bottom; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                if (Bitmap.GetPixel(x, y) != other.Bitmap.GetPixel(x, y))
                {
                    count++;
                }
            }
        }

        return count;
    }

    public SKColor At(float x, float y) => Bitmap.GetPixel((int)Math.Round(x), (int)Math.Round(y));

    public void Dispose() => Bitmap.Dispose();
}
