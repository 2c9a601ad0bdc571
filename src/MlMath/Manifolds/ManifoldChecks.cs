using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Manifolds;

/// <summary>
/// Argument validation shared by the manifold-learning methods: each check throws an exception whose message
/// starts with the calling method, names the argument and states the offending shape or value.
/// </summary>
internal static class ManifoldChecks
{
    internal static string F(FormattableString s) => string.Create(CultureInfo.InvariantCulture, $"{s}");

    /// <summary>The data must be non-null, have at least <paramref name="minRows"/> rows and one column, and be finite.</summary>
    internal static void Data(Matrix<double>? x, string method, string name, int minRows = 2)
    {
        if (x is null) throw new ArgumentNullException(name, $"{method}: {name} is null");
        if (x.RowCount < minRows || x.ColumnCount < 1)
        {
            throw new ArgumentException(F($"{method}: {name} is {x.RowCount}x{x.ColumnCount}; need at least {minRows} rows (points) and 1 column."), name);
        }

        for (var j = 0; j < x.ColumnCount; j++)
        {
            for (var i = 0; i < x.RowCount; i++)
            {
                var v = x[i, j];
                if (!double.IsFinite(v))
                {
                    throw new ArgumentException(F($"{method}: {name} has a non-finite entry {v} at ({i}, {j}) ({name} is {x.RowCount}x{x.ColumnCount})."), name);
                }
            }
        }
    }

    /// <summary>A neighbour count k must satisfy 1 &lt;= k &lt;= n - 1.</summary>
    internal static void NeighborCount(int k, int n, string method, string name)
    {
        if (k < 1 || k > n - 1)
        {
            throw new ArgumentOutOfRangeException(name, k, F($"{method}: {name} = {k} neighbours, but with n = {n} points it must be between 1 and n - 1 = {n - 1}."));
        }
    }

    /// <summary>An embedding dimension must satisfy 1 &lt;= components &lt;= max.</summary>
    internal static void Components(int components, int max, string method, string name)
    {
        if (components < 1 || components > max)
        {
            throw new ArgumentOutOfRangeException(name, components, F($"{method}: {name} = {components}, but it must be between 1 and {max}."));
        }
    }

    internal static void Positive(double value, string method, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, F($"{method}: {name} = {value} must be positive and finite."));
        }
    }

    internal static void NotNull(object? value, string method, string name)
    {
        if (value is null) throw new ArgumentNullException(name, $"{method}: {name} is null");
    }

    /// <summary>Squared Euclidean distance between rows i and j of a row-major n x d array.</summary>
    internal static double SquaredDistance(double[] rows, int d, int i, int j)
    {
        var a = rows.AsSpan(i * d, d);
        var b = rows.AsSpan(j * d, d);
        var sum = 0.0;
        for (var c = 0; c < d; c++)
        {
            var t = a[c] - b[c];
            sum += t * t;
        }

        return sum;
    }

    /// <summary>The rows of <paramref name="x"/> copied into a row-major array (point i at [i * d, (i + 1) * d)).</summary>
    internal static double[] RowMajor(Matrix<double> x)
    {
        int n = x.RowCount, d = x.ColumnCount;
        var result = new double[n * d];
        for (var j = 0; j < d; j++)
        {
            for (var i = 0; i < n; i++) result[i * d + j] = x[i, j];
        }

        return result;
    }
}
