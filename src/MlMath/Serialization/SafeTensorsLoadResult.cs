namespace MlMath.Serialization;

/// <summary>
/// What <see cref="SafeTensorsFile.LoadInto(Stream, IReadOnlyDictionary{string, MathNet.Numerics.LinearAlgebra.Matrix{double}}, bool)"/>
/// did: which targets received values, which had no tensor in the file, and which tensors in the file had
/// no target. Each list is in ordinal name order.
/// </summary>
/// <param name="Loaded">Names present both in the file and among the targets; these targets now hold the
/// file's values.</param>
/// <param name="Missing">Target names with no tensor in the file; these targets are unchanged. Always empty
/// after a strict load (a missing name is an error there).</param>
/// <param name="Unexpected">Tensor names in the file with no target; their data was not read. Always empty
/// after a strict load (an unexpected name is an error there).</param>
public sealed record SafeTensorsLoadResult(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected);
