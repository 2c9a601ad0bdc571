using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Serialization;

/// <summary>
/// What <see cref="SafeTensorsFile.Read"/> found in a safetensors file: its tensors by name, as matrices,
/// and its free-form string metadata.
/// </summary>
/// <param name="Tensors">The tensors, enumerated in ordinal name order. A rank-2 tensor of shape
/// <c>[r, c]</c> is an <c>r x c</c> matrix, a rank-1 tensor of shape <c>[n]</c> a <c>1 x n</c> row, a rank-0
/// tensor (a scalar) a <c>1 x 1</c> matrix.</param>
/// <param name="Metadata">The header's <c>__metadata__</c> entries, enumerated in ordinal key order; empty
/// when the file has none.</param>
public sealed record SafeTensorsContent(
    IReadOnlyDictionary<string, Matrix<double>> Tensors,
    IReadOnlyDictionary<string, string> Metadata);
