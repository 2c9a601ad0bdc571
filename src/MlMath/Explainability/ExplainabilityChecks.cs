using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Explainability;

/// <summary>Argument checks shared by the explanation methods; messages name the method, the argument and the values.</summary>
internal static class ExplainabilityChecks
{
    internal static string Shape(Matrix<double> m) =>
        m.RowCount.ToString(CultureInfo.InvariantCulture) + "x" + m.ColumnCount.ToString(CultureInfo.InvariantCulture);

    /// <summary>Throws unless the matrix has at least one row and column and only finite entries.</summary>
    internal static void FiniteNonEmpty(Matrix<double> m, string method, string name)
    {
        ArgumentNullException.ThrowIfNull(m, name);
        if (m.RowCount == 0 || m.ColumnCount == 0)
        {
            throw new ArgumentException($"{method}: {name} is empty ({Shape(m)}).", name);
        }

        for (var j = 0; j < m.ColumnCount; j++)
        {
            for (var i = 0; i < m.RowCount; i++)
            {
                if (!double.IsFinite(m[i, j]))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{method}: {name} has a non-finite entry {m[i, j]} at ({i}, {j})."), name);
                }
            }
        }
    }

    /// <summary>Throws unless the vector is non-empty and finite.</summary>
    internal static void FiniteNonEmpty(Vector<double> v, string method, string name)
    {
        ArgumentNullException.ThrowIfNull(v, name);
        if (v.Count == 0) throw new ArgumentException($"{method}: {name} is empty.", name);
        for (var i = 0; i < v.Count; i++)
        {
            if (!double.IsFinite(v[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{method}: {name} has a non-finite entry {v[i]} at index {i}."), name);
            }
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is at least <paramref name="min"/>.</summary>
    internal static void AtLeast(int value, int min, string method, string name)
    {
        if (value < min)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture,
                $"{method}: {name} must be at least {min}, got {value}."));
        }
    }

    /// <summary>Calls a predictor and checks that it returns one finite prediction per row.</summary>
    internal static Vector<double> Predict(Func<Matrix<double>, Vector<double>> predictor, Matrix<double> rows, string method)
    {
        var predictions = predictor(rows) ?? throw new InvalidOperationException($"{method}: the predictor returned null.");
        if (predictions.Count != rows.RowCount)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{method}: the predictor returned {predictions.Count} predictions for {rows.RowCount} rows; it must return one per row."));
        }

        for (var i = 0; i < predictions.Count; i++)
        {
            if (!double.IsFinite(predictions[i]))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"{method}: the predictor returned {predictions[i]} for row {i}; predictions must be finite."));
            }
        }

        return predictions;
    }
}
