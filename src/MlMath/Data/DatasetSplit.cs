namespace MlMath.Data;

/// <summary>
/// A data set cut into three disjoint parts, with the original row index of every sample of each part.
/// </summary>
/// <param name="Train">The training part (fit parameters, and fit a <see cref="Standardizer"/>, on this only).</param>
/// <param name="Validation">The validation part (choose hyper-parameters and stop early on this); may be empty.</param>
/// <param name="Test">The test part (report the final score on this, once); may be empty.</param>
/// <param name="TrainIndices">Row i of <paramref name="Train"/> is row TrainIndices[i] of the original data set.</param>
/// <param name="ValidationIndices">Row i of <paramref name="Validation"/> is row ValidationIndices[i] of the original.</param>
/// <param name="TestIndices">Row i of <paramref name="Test"/> is row TestIndices[i] of the original.</param>
public sealed record DatasetSplit(
    Dataset Train,
    Dataset Validation,
    Dataset Test,
    IReadOnlyList<int> TrainIndices,
    IReadOnlyList<int> ValidationIndices,
    IReadOnlyList<int> TestIndices);
