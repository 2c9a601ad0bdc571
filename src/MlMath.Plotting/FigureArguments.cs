using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Plotting;

/// <summary>
/// Argument validation shared by the figures: each check throws an <see cref="ArgumentException"/> (or a
/// subclass) whose message starts with the calling method, names the argument and states the offending
/// length, shape or value, formatted with the invariant culture.
/// </summary>
internal static class FigureArguments
{
    /// <summary>The largest width or height, in pixels, that a figure renders (a 16384 x 16384 RGBA image is 1 GiB).</summary>
    internal const int MaxPixels = 16384;

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Shape(Matrix<double> m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.RowCount}x{m.ColumnCount}");

    /// <summary>Throws if <paramref name="value"/> is null.</summary>
    internal static void NotNull(object? value, string method, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, $"{method}: {name} is null");
        }
    }

    /// <summary>Throws if a series name is null, empty or only white space.</summary>
    internal static void Name(string? value, string method, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{method}: {name} must be a non-empty name", name);
        }
    }

    /// <summary>Throws if the list is null, empty, or has a NaN or infinite entry (naming the first one).</summary>
    internal static void FiniteNonEmpty(IReadOnlyList<double>? values, string method, string name)
    {
        NotNull(values, method, name);
        if (values!.Count == 0)
        {
            throw new ArgumentException($"{method}: {name} is empty (length 0)", name);
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{method}: {name} has a non-finite value {Format(values[i])} at index {i} (length {values.Count})"), name);
            }
        }
    }

    /// <summary>Throws if the matrix is null, has no entries, or has a NaN or infinite entry.</summary>
    internal static void FiniteNonEmpty(Matrix<double>? m, string method, string name)
    {
        NotNull(m, method, name);
        if (m!.RowCount == 0 || m.ColumnCount == 0)
        {
            throw new ArgumentException($"{method}: {name} is empty ({Shape(m)})", name);
        }

        for (int i = 0; i < m.RowCount; i++)
        {
            for (int j = 0; j < m.ColumnCount; j++)
            {
                if (!double.IsFinite(m[i, j]))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{method}: {name} has a non-finite value {Format(m[i, j])} at ({i}, {j}) ({Shape(m)})"), name);
                }
            }
        }
    }

    /// <summary>Throws unless the matrix has exactly <paramref name="columns"/> columns.</summary>
    internal static void Columns(Matrix<double> m, int columns, string method, string name)
    {
        if (m.ColumnCount != columns)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: {name} must have {columns} columns, got {Shape(m)}"), name);
        }
    }

    /// <summary>Throws unless two lengths agree.</summary>
    internal static void SameLength(int length, int otherLength, string method, string name, string otherName)
    {
        if (length != otherLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: {name} has length {length} but {otherName} has length {otherLength}"), name);
        }
    }

    /// <summary>Throws unless min &lt; max and both are finite.</summary>
    internal static void Interval(double min, double max, string method, string minName, string maxName)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(min < max))
        {
            throw new ArgumentException(
                $"{method}: need finite {minName} < {maxName}, got {minName} = {Format(min)}, {maxName} = {Format(max)}",
                minName);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    internal static void InRange(int value, int min, int max, string method, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture,
                $"{method}: {name} must be between {min} and {max}, got {value}"));
        }
    }

    /// <summary>Throws unless width and height are positive and at most <see cref="MaxPixels"/>.</summary>
    internal static void ImageSize(int width, int height, string method)
    {
        InRange(width, 1, MaxPixels, method, nameof(width));
        InRange(height, 1, MaxPixels, method, nameof(height));
    }

    /// <summary>Throws if the path is empty or its folder does not exist.</summary>
    internal static void OutputPath(string? path, string method)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{method}: path must be a non-empty file path", nameof(path));
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new ArgumentException($"{method}: the folder of path '{path}' does not exist", nameof(path));
        }
    }

    /// <summary>Copies a list into a new array (figures keep their own copy of the data).</summary>
    internal static double[] Copy(IReadOnlyList<double> values)
    {
        var copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
        }

        return copy;
    }
}
