using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.LinearAlgebra;

/// <summary>
/// Shared argument validation for the linear-algebra numerics: each check throws an
/// <see cref="ArgumentException"/> whose message starts with the calling method's name, names the
/// argument and states the offending shape or value, formatted with the invariant culture.
/// </summary>
internal static class ArgumentChecks
{
    /// <summary>Formats a number the same way on every machine (round-trippable, invariant culture).</summary>
    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a shape as "rows x columns".</summary>
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

    /// <summary>Throws if the vector is null or has no entries.</summary>
    internal static void NotEmpty(Vector<double>? v, string method, string name)
    {
        NotNull(v, method, name);
        if (v!.Count == 0)
        {
            throw new ArgumentException($"{method}: {name} is empty (length 0)", name);
        }
    }

    /// <summary>Throws if any entry of the vector is NaN or infinite, naming the first such index.</summary>
    internal static void AllFinite(Vector<double> v, string method, string name)
    {
        for (int i = 0; i < v.Count; i++)
        {
            if (!double.IsFinite(v[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{method}: {name} has a non-finite entry {Format(v[i])} at index {i} (length {v.Count})"),
                    name);
            }
        }
    }

    /// <summary>Throws if any entry of the matrix is NaN or infinite, naming the first such (row, column).</summary>
    internal static void AllFinite(Matrix<double> m, string method, string name)
    {
        for (int j = 0; j < m.ColumnCount; j++)
        {
            for (int i = 0; i < m.RowCount; i++)
            {
                if (!double.IsFinite(m[i, j]))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture,
                            $"{method}: {name} has a non-finite entry {Format(m[i, j])} at ({i}, {j}) ({name} is {Shape(m)})"),
                        name);
                }
            }
        }
    }

    /// <summary>Throws unless <paramref name="step"/> is null or a finite number greater than zero.</summary>
    internal static void ValidStep(double? step, string method)
    {
        if (step is { } h && !(h > 0 && double.IsFinite(h)))
        {
            throw new ArgumentOutOfRangeException(nameof(step), h,
                $"{method}: step must be finite and > 0 but is {Format(h)}");
        }
    }
}
