using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Data;

/// <summary>
/// Argument validation shared by <c>MlMath.Data</c>: every check throws an <see cref="ArgumentException"/>
/// (or a subclass) whose message starts with the calling method, names the argument and states the
/// offending value or shape, formatted with the invariant culture.
/// </summary>
internal static class DataChecks
{
    /// <summary>Formats a number the same way on every machine (round-trippable, invariant culture).</summary>
    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a matrix shape as "rows x columns".</summary>
    internal static string Shape(Matrix<double> m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.RowCount}x{m.ColumnCount}");

    /// <summary>Throws <see cref="ArgumentNullException"/> if <paramref name="value"/> is null.</summary>
    internal static T NotNull<T>(T? value, string method, string name)
        where T : class =>
        value ?? throw new ArgumentNullException(name, $"{method}: {name} is null");

    /// <summary>Throws unless <paramref name="value"/> is at least <paramref name="minimum"/>.</summary>
    internal static void AtLeast(int value, int minimum, string method, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{method}: {name} must be >= {minimum} but is {value}"));
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and at least zero.</summary>
    internal static void FiniteNonNegative(double value, string method, string name)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value,
                $"{method}: {name} must be finite and >= 0 but is {Format(value)}");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> lies in the closed interval [0, 1].</summary>
    internal static void Fraction(double value, string method, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value,
                $"{method}: {name} must be in [0, 1] but is {Format(value)}");
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
}
