using System.IO.Compression;

namespace MlMath.Data;

/// <summary>
/// Classic small classification data sets, shipped inside the MlMath assembly as embedded resources and loaded
/// offline. Each call parses the resource afresh and returns a new <see cref="Dataset"/> that the caller owns.
/// </summary>
/// <remarks>
/// Both are copies from the UCI Machine Learning Repository (licence CC BY 4.0), in the CSV layout read by
/// <see cref="TabularCsv"/>.
/// </remarks>
public static class BuiltInDatasets
{
    /// <summary>
    /// Fisher's Iris data: 150 flowers, 50 of each of three species, described by 4 measurements in centimetres:
    /// sepal length, sepal width, petal length, petal width. Labels 0 setosa, 1 versicolor, 2 virginica.
    /// </summary>
    /// <remarks>
    /// Source: R. A. Fisher (1936), "The use of multiple measurements in taxonomic problems", Annals of Eugenics
    /// 7(2), 179-188; UCI Machine Learning Repository, Iris. Setosa is linearly separable from the other two species;
    /// versicolor and virginica are not from each other.
    /// </remarks>
    public static Dataset Iris()
    {
        using var stream = Open("iris.csv");
        return TabularCsv.Load(stream, "iris.csv", hasHeader: true);
    }

    /// <summary>
    /// Handwritten digits, 8 x 8: 1797 images, each 64 features (the pixels row by row, integers 0..16 counting the
    /// on-pixels of a 4 x 4 block of a 32 x 32 bitmap), labels the digits 0..9 (class names "0".."9").
    /// </summary>
    /// <remarks>
    /// Source: E. Alpaydin, C. Kaynak (1998), "Optical Recognition of Handwritten Digits", UCI Machine Learning
    /// Repository (the test part of that data set). Stored gzip-compressed. Features are raw counts: divide by 16,
    /// or fit a <see cref="Standardizer"/>, before training.
    /// </remarks>
    public static Dataset Digits()
    {
        using var compressed = Open("digits.csv.gz");
        using var stream = new GZipStream(compressed, CompressionMode.Decompress);
        return TabularCsv.Load(stream, "digits.csv.gz", hasHeader: false);
    }

    private static Stream Open(string fileName)
    {
        string name = "MlMath.Data.Resources." + fileName;
        return typeof(BuiltInDatasets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{nameof(BuiltInDatasets)}: embedded resource '{name}' is missing from the MlMath assembly");
    }
}
