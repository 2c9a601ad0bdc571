using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Optimization;

/// <summary>Hyper-parameter validation shared by the optimizers: messages name the parameter and the value.</summary>
internal static class OptimizerChecks
{
    public static void NonNegative(string name, double value)
    {
        if (!(value >= 0.0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and >= 0, but is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }

    public static void UnitInterval(string name, double value)
    {
        if (!(value >= 0.0 && value < 1.0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1), but is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }

    public static double[] ValuesOf(Matrix<double> m) => m is DenseMatrix dense ? dense.Values : m.ToColumnMajorArray();
}
