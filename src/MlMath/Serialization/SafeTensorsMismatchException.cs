namespace MlMath.Serialization;

/// <summary>
/// Thrown by <see cref="SafeTensorsFile.LoadInto(Stream, IReadOnlyDictionary{string, MathNet.Numerics.LinearAlgebra.Matrix{double}}, bool)"/>
/// when a well-formed file does not fit the targets: a tensor's shape differs from its target's, or (in
/// strict mode) a target has no tensor in the file or a tensor has no target. The targets are unchanged.
/// </summary>
/// <remarks>
/// All problems are collected before the exception is thrown, so one message lists every mismatch, for
/// example <c>SafeTensorsFile.LoadInto: tensor 'w' is 1x3 in the file but its target is 3x1; missing from
/// the file: 'b'</c>.
/// </remarks>
public sealed class SafeTensorsMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception with a message and the names involved.</summary>
    /// <param name="message">Every mismatch, in words.</param>
    /// <param name="shapeMismatches">Names whose tensor and target shapes differ.</param>
    /// <param name="missing">Target names with no tensor in the file (reported as errors in strict mode only).</param>
    /// <param name="unexpected">Tensor names with no target (reported as errors in strict mode only).</param>
    public SafeTensorsMismatchException(
        string message,
        IReadOnlyList<string> shapeMismatches,
        IReadOnlyList<string> missing,
        IReadOnlyList<string> unexpected)
        : base(message)
    {
        ShapeMismatches = shapeMismatches;
        Missing = missing;
        Unexpected = unexpected;
    }

    /// <summary>Names whose tensor in the file and target differ in shape, in ordinal order.</summary>
    public IReadOnlyList<string> ShapeMismatches { get; }

    /// <summary>Target names with no tensor in the file, in ordinal order (empty unless strict).</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Tensor names in the file with no target, in ordinal order (empty unless strict).</summary>
    public IReadOnlyList<string> Unexpected { get; }
}
