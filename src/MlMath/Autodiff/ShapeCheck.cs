using System.Globalization;

namespace MlMath.Autodiff;

/// <summary>Shape validation shared by the operations; every message names the op and the shapes.</summary>
internal static class ShapeCheck
{
    public static void Same(string op, Variable left, Variable right)
    {
        if (left.Rows != right.Rows || left.Columns != right.Columns)
        {
            throw new ArgumentException($"{op}: left is {left.Shape}, right is {right.Shape}; they must have the same shape.");
        }
    }

    public static void Throw(string op, string message) => throw new ArgumentException(op + ": " + message);

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
