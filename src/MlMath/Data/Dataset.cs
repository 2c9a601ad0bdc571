using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Data;

/// <summary>
/// A supervised data set: a feature matrix with one row per sample, and either integer class labels
/// (classification) or a target matrix (regression), row i of each belonging to sample i.
/// </summary>
/// <remarks>
/// <para>Create one with <see cref="Classification"/> or <see cref="Regression"/>. Exactly one of
/// <see cref="Labels"/> and <see cref="Targets"/> is non-null; <see cref="IsClassification"/> says which.</para>
/// <para>Ownership: the factories keep the matrices they are given (no copy) and copy the labels. Every
/// operation that selects rows (<see cref="Subset"/>, <see cref="Shuffled"/>, <see cref="Batches"/>,
/// the splits) returns a new data set with freshly copied rows, so changing one never changes another.</para>
/// <para>Shapes: <see cref="Features"/> is n x d; <see cref="Labels"/> has length n with entries in
/// [0, <see cref="ClassCount"/>); <see cref="Targets"/> is n x m.</para>
/// </remarks>
public sealed partial class Dataset
{
    private readonly int[]? _labels;

    private Dataset(Matrix<double> features, int[]? labels, IReadOnlyList<string> classNames, Matrix<double>? targets)
    {
        Features = features;
        _labels = labels;
        Labels = labels is null ? null : Array.AsReadOnly(labels);
        ClassNames = classNames;
        Targets = targets;
    }

    /// <summary>The features, one row per sample (n x d).</summary>
    public Matrix<double> Features { get; }

    /// <summary>The class label of each sample, in [0, <see cref="ClassCount"/>); null for a regression data set.</summary>
    public IReadOnlyList<int>? Labels { get; }

    /// <summary>The regression targets, one row per sample (n x m); null for a classification data set.</summary>
    public Matrix<double>? Targets { get; }

    /// <summary>The name of each class, indexed by label; empty for a regression data set.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of classes (the length of <see cref="ClassNames"/>); 0 for a regression data set.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>True when the data set has class labels, false when it has regression targets.</summary>
    public bool IsClassification => _labels is not null;

    /// <summary>The number of samples n (rows of <see cref="Features"/>).</summary>
    public int Count => Features.RowCount;

    /// <summary>The number of features d (columns of <see cref="Features"/>).</summary>
    public int FeatureCount => Features.ColumnCount;

    /// <summary>
    /// Creates a classification data set. The labels are copied; the features are kept as given.
    /// </summary>
    /// <param name="features">n x d features, all finite.</param>
    /// <param name="labels">n class labels, each &gt;= 0 (and &lt; the number of class names when they are given).</param>
    /// <param name="classNames">The class names indexed by label; when null they are "0", "1", ..., up to the
    /// largest label.</param>
    /// <exception cref="ArgumentException">The counts differ, a feature is not finite, a label is negative or
    /// has no class name, or a class name is null.</exception>
    public static Dataset Classification(Matrix<double> features, IReadOnlyList<int> labels, IReadOnlyList<string>? classNames = null)
    {
        const string method = nameof(Dataset) + "." + nameof(Classification);
        DataChecks.NotNull(features, method, nameof(features));
        DataChecks.NotNull(labels, method, nameof(labels));
        DataChecks.AllFinite(features, method, nameof(features));
        if (labels.Count != features.RowCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{method}: labels has {labels.Count} entries but features has {features.RowCount} rows (features is {DataChecks.Shape(features)})"),
                nameof(labels));
        }

        var copy = labels.ToArray();
        int maxLabel = -1;
        for (int i = 0; i < copy.Length; i++)
        {
            if (copy[i] < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{method}: labels[{i}] is {copy[i]}, but labels must be >= 0"),
                    nameof(labels));
            }

            maxLabel = Math.Max(maxLabel, copy[i]);
        }

        string[] names;
        if (classNames is null)
        {
            names = Enumerable.Range(0, maxLabel + 1).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
        else
        {
            names = classNames.ToArray();
            if (maxLabel >= names.Length)
            {
                int at = Array.IndexOf(copy, maxLabel);
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{method}: labels[{at}] is {maxLabel}, but there are only {names.Length} class names (labels must be < {names.Length})"),
                    nameof(labels));
            }

            int nullAt = Array.IndexOf(names, null);
            if (nullAt >= 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{method}: classNames[{nullAt}] is null"), nameof(classNames));
            }
        }

        return new Dataset(features, copy, Array.AsReadOnly(names), null);
    }

    /// <summary>Creates a regression data set. Both matrices are kept as given (not copied).</summary>
    /// <param name="features">n x d features, all finite.</param>
    /// <param name="targets">n x m targets, all finite (m = 1 for a single output).</param>
    /// <exception cref="ArgumentException">The row counts differ or an entry is not finite.</exception>
    public static Dataset Regression(Matrix<double> features, Matrix<double> targets)
    {
        const string method = nameof(Dataset) + "." + nameof(Regression);
        DataChecks.NotNull(features, method, nameof(features));
        DataChecks.NotNull(targets, method, nameof(targets));
        DataChecks.AllFinite(features, method, nameof(features));
        DataChecks.AllFinite(targets, method, nameof(targets));
        if (targets.RowCount != features.RowCount)
        {
            throw new ArgumentException(
                $"{method}: targets is {DataChecks.Shape(targets)} but features is {DataChecks.Shape(features)} (row counts must match)",
                nameof(targets));
        }

        return new Dataset(features, null, Array.Empty<string>(), targets);
    }

    /// <summary>
    /// The samples at the given row indices, in that order, as a new data set with copied rows; an index may
    /// repeat (bootstrap resampling). Class names carry over, so <see cref="ClassCount"/> is kept even when a
    /// class is absent from the subset.
    /// </summary>
    /// <param name="indices">Row indices, each in [0, <see cref="Count"/>); may be empty.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
    public Dataset Subset(IReadOnlyList<int> indices)
    {
        const string method = nameof(Dataset) + "." + nameof(Subset);
        DataChecks.NotNull(indices, method, nameof(indices));
        for (int i = 0; i < indices.Count; i++)
        {
            if ((uint)indices[i] >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), indices[i],
                    string.Create(CultureInfo.InvariantCulture,
                        $"{method}: indices[{i}] is {indices[i]}, outside [0, {Count}) for a data set of {Count} samples"));
            }
        }

        var features = SelectRows(Features, indices);
        if (_labels is null)
        {
            return new Dataset(features, null, ClassNames, SelectRows(Targets!, indices));
        }

        var labels = new int[indices.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = _labels[indices[i]];
        }

        return new Dataset(features, labels, ClassNames, null);
    }

    /// <summary>
    /// A copy of the data set with its rows in a uniformly random order (a Fisher-Yates permutation from
    /// <see cref="Shuffling.Permutation"/>).
    /// </summary>
    /// <param name="random">The source of randomness; the same seed gives the same order.</param>
    public Dataset Shuffled(Random random)
    {
        DataChecks.NotNull(random, nameof(Dataset) + "." + nameof(Shuffled), nameof(random));
        return Subset(Shuffling.Permutation(Count, random));
    }

    /// <summary>
    /// The number of samples in each class: entry k counts label k (length <see cref="ClassCount"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The data set is a regression data set.</exception>
    public int[] ClassCounts()
    {
        var labels = _labels ?? throw new InvalidOperationException(
            $"{nameof(Dataset)}.{nameof(ClassCounts)}: this is a regression data set (it has targets, not labels)");
        var counts = new int[ClassCount];
        foreach (int label in labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>
    /// Splits the data set into consecutive mini-batches of <paramref name="batchSize"/> samples, for one
    /// epoch of stochastic gradient descent. See <see cref="MiniBatches.Indices"/> for the order and the last batch.
    /// </summary>
    /// <param name="batchSize">Samples per batch, &gt;= 1.</param>
    /// <param name="shuffle">When given, each enumeration visits the samples in a fresh random order drawn from it
    /// (so enumerating twice gives two different epochs); when null, in row order.</param>
    /// <param name="dropLast">When true, a last batch smaller than <paramref name="batchSize"/> is left out.</param>
    /// <returns>The batches, each a new data set with copied rows, produced lazily.</returns>
    public IEnumerable<Dataset> Batches(int batchSize, Random? shuffle = null, bool dropLast = false) =>
        MiniBatches.Indices(Count, batchSize, shuffle, dropLast).Select(Subset);

    /// <inheritdoc />
    public override string ToString() =>
        IsClassification
            ? string.Create(CultureInfo.InvariantCulture, $"Dataset: {Count} samples x {FeatureCount} features, {ClassCount} classes")
            : string.Create(CultureInfo.InvariantCulture, $"Dataset: {Count} samples x {FeatureCount} features, {Targets!.ColumnCount} targets");

    private static Matrix<double> SelectRows(Matrix<double> source, IReadOnlyList<int> indices)
    {
        var result = Matrix<double>.Build.Dense(indices.Count, source.ColumnCount);
        for (int j = 0; j < source.ColumnCount; j++)
        {
            for (int i = 0; i < indices.Count; i++)
            {
                result[i, j] = source[indices[i], j];
            }
        }

        return result;
    }
}
