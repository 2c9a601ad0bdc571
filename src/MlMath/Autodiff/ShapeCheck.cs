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

    /// <summary>A copy of <paramref name="indices"/> after checking that each lies in 0..count-1; the message names
    /// the op, the list (<paramref name="name"/>), the position and what is counted (rows, classes).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0..count-1.</exception>
    public static int[] Indices(string op, string name, IReadOnlyList<int> indices, int count, string counted)
    {
        var result = indices.ToArray();
        for (var k = 0; k < result.Length; k++)
        {
            if ((uint)result[k] >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(name, string.Create(CultureInfo.InvariantCulture,
                    $"{op}: {name}[{k}] = {result[k]} is outside 0..{count - 1} ({count} {counted})."));
            }
        }

        return result;
    }
}
