using System.Globalization;
using System.IO.Compression;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Data;

/// <summary>
/// Reads classification data in the plain CSV layout of the built-in tabular data sets (the layout scikit-learn
/// ships them in): an optional header line <c>n_rows,n_features,class names...</c>, then one line per sample
/// holding the n_features feature values and then the integer class label, comma separated, no quoting.
/// </summary>
/// <remarks>
/// <para>Numbers are parsed with the invariant culture (a '.' decimal point on every machine); features must be
/// finite; labels must be non-negative integers, and less than the number of class names when the header
/// names any. Blank lines are skipped (line numbers in messages still count them).</para>
/// <para>Without a header the feature count is taken from the first data line (its value count minus one) and
/// the class names are "0", "1", ... up to the largest label.</para>
/// <para>A malformed file throws <see cref="InvalidDataException"/> whose message starts with the file name and
/// line number, e.g. "iris.csv line 7: expected 5 values (4 features and a label), found 4".</para>
/// </remarks>
public static class TabularCsv
{
    /// <summary>Loads a file; gzip-compressed files (recognised by their magic bytes 1f 8b) are decompressed.</summary>
    /// <param name="path">The file to read; messages name it as given.</param>
    /// <param name="hasHeader">Whether the first line is the <c>n_rows,n_features,class names...</c> header.</param>
    /// <exception cref="InvalidDataException">The content is malformed (the message names the file and line).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Dataset Load(string path, bool hasHeader = true)
    {
        DataChecks.NotNull(path, nameof(TabularCsv) + "." + nameof(Load), nameof(path));
        using var file = File.OpenRead(path);
        bool gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream content = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        return Load(content, path, hasHeader);
    }

    /// <summary>Loads uncompressed CSV text from a stream (wrap a gzip stream in a <see cref="GZipStream"/> first).</summary>
    /// <param name="stream">The text, UTF-8 (ASCII in practice); read to its end and left open.</param>
    /// <param name="sourceName">The name that error messages give the data, e.g. a file name.</param>
    /// <param name="hasHeader">Whether the first line is the <c>n_rows,n_features,class names...</c> header.</param>
    /// <exception cref="InvalidDataException">The content is malformed (the message names the source and line).</exception>
    public static Dataset Load(Stream stream, string sourceName, bool hasHeader = true)
    {
        const string method = nameof(TabularCsv) + "." + nameof(Load);
        DataChecks.NotNull(stream, method, nameof(stream));
        DataChecks.NotNull(sourceName, method, nameof(sourceName));
        using var reader = new StreamReader(stream, leaveOpen: true);

        int lineNumber = 0;
        int? expectedRows = null, featureCount = null;
        string[]? classNames = null;
        var values = new List<double>();
        var labels = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (hasHeader && expectedRows is null)
            {
                expectedRows = ParseCount(fields, 0, "n_rows", sourceName, lineNumber);
                featureCount = ParseCount(fields, 1, "n_features", sourceName, lineNumber);
                classNames = fields[2..].Select(f => f.Trim()).ToArray();
                continue;
            }

            featureCount ??= fields.Length - 1;
            if (fields.Length != featureCount + 1)
            {
                throw Error(sourceName, lineNumber,
                    $"expected {featureCount + 1} values ({featureCount} features and a label), found {fields.Length}");
            }

            for (int j = 0; j < featureCount; j++)
            {
                if (!double.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
                {
                    throw Error(sourceName, lineNumber, $"value '{fields[j].Trim()}' in column {j + 1} is not a finite number");
                }

                values.Add(x);
            }

            string labelText = fields[^1].Trim();
            if (!int.TryParse(labelText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int label) || label < 0)
            {
                throw Error(sourceName, lineNumber,
                    $"label '{labelText}' in column {featureCount + 1} is not a non-negative integer");
            }

            if (classNames is { Length: > 0 } && label >= classNames.Length)
            {
                throw Error(sourceName, lineNumber,
                    $"label {label} is out of range: the header names {classNames.Length} classes (labels 0..{classNames.Length - 1})");
            }

            labels.Add(label);
        }

        if (hasHeader && expectedRows is null)
        {
            throw Error(sourceName, lineNumber, "the file is empty, but a header line n_rows,n_features,class names... was expected");
        }

        if (expectedRows is { } rows && rows != labels.Count)
        {
            throw Error(sourceName, lineNumber, $"the header says {rows} rows, but the file has {labels.Count} data rows");
        }

        if (labels.Count == 0)
        {
            throw Error(sourceName, lineNumber, "the file has no data rows");
        }

        int d = featureCount ?? 0, n = labels.Count;
        var features = Matrix<double>.Build.Dense(n, d, (i, j) => values[i * d + j]);
        return Dataset.Classification(features, labels, classNames is { Length: > 0 } ? classNames : null);
    }

    private static int ParseCount(string[] fields, int index, string name, string source, int lineNumber)
    {
        if (index >= fields.Length)
        {
            throw Error(source, lineNumber,
                $"the header must start with n_rows,n_features (then the class names), but it has {fields.Length} value(s)");
        }

        string text = fields[index].Trim();
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 0)
        {
            throw Error(source, lineNumber, $"header {name} '{text}' is not a non-negative integer");
        }

        return value;
    }

    private static InvalidDataException Error(string source, int lineNumber, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{source} line {lineNumber}: {message}"));
}
