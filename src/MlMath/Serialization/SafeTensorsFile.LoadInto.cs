using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Serialization;

public static partial class SafeTensorsFile
{
    /// <summary>
    /// Copies the tensors of a safetensors file into existing matrices of the same names and shapes, all or
    /// nothing: on any error every target is left unchanged.
    /// </summary>
    /// <remarks>
    /// <para>This is the loading half of a module's state dictionary: the targets are the module's current
    /// parameter matrices, and loading overwrites their values in place (the matrices keep their identity).
    /// Names are compared ordinally (exact, case-sensitive), whatever comparer <paramref name="targets"/> uses.</para>
    /// <para>The steps: (1) read and validate the file's header as <see cref="Read"/> does; (2) match names and
    /// compare shapes (a tensor read as <c>r x c</c>, see <see cref="Read"/> for ranks 0 and 1, must meet an
    /// <c>r x c</c> target exactly; a <c>[n]</c> vector does not fit an <c>n x 1</c> target); (3) read the
    /// matched tensors into temporary matrices; (4) only then copy them into the targets. Every problem of
    /// steps 1 to 3 is thrown before step 4 touches a target. Step 3 briefly holds a second copy of the loaded
    /// values; tensors without a target are never read.</para>
    /// <para>In strict mode (the default, like PyTorch's <c>load_state_dict(strict=True)</c>) a target missing
    /// from the file or a tensor without a target is an error; otherwise they are reported in the result.
    /// A shape mismatch is always an error.</para>
    /// </remarks>
    /// <param name="source">A readable, seekable stream positioned at the file's first byte; left open.</param>
    /// <param name="targets">The matrices to fill, by name.</param>
    /// <param name="strict">Whether the file's names must equal the targets' names exactly.</param>
    /// <returns>Which names were loaded, and (non-strict only) which were missing or unexpected.</returns>
    /// <exception cref="ArgumentNullException">source, targets or a target matrix is null.</exception>
    /// <exception cref="ArgumentException">source cannot read or cannot seek.</exception>
    /// <exception cref="SafeTensorsFormatException">the file is not a valid safetensors file that MlMath reads.</exception>
    /// <exception cref="SafeTensorsMismatchException">a shape differs, or (strict) a name is missing or unexpected;
    /// the message lists every mismatch.</exception>
    public static SafeTensorsLoadResult LoadInto(
        Stream source, IReadOnlyDictionary<string, Matrix<double>> targets, bool strict = true)
    {
        const string method = "SafeTensorsFile.LoadInto";
        CheckReadable(source, method);
        ArgumentNullException.ThrowIfNull(targets);
        var byName = new Dictionary<string, Matrix<double>>(StringComparer.Ordinal);
        foreach ((string name, Matrix<double> target) in targets)
        {
            byName[name] = target ?? throw new ArgumentNullException(nameof(targets), $"{method}: target '{name}' is null");
        }

        SafeTensorsHeader header = SafeTensorsHeader.ReadFrom(source, method);
        var inFile = header.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        List<string> missing = [.. byName.Keys.Where(n => !inFile.ContainsKey(n)).Order(StringComparer.Ordinal)];
        List<string> unexpected = [.. inFile.Keys.Where(n => !byName.ContainsKey(n)).Order(StringComparer.Ordinal)];
        List<SafeTensorsEntry> matched = [.. header.Entries.Where(e => byName.ContainsKey(e.Name))];
        List<SafeTensorsEntry> wrongShape =
        [
            .. matched.Where(e => byName[e.Name].RowCount != e.Rows || byName[e.Name].ColumnCount != e.Columns)
                .OrderBy(e => e.Name, StringComparer.Ordinal),
        ];
        if (wrongShape.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            throw Mismatch(method, wrongShape, byName, strict ? missing : [], strict ? unexpected : []);
        }

        // Read everything first, so an I/O or truncation error cannot leave the targets half loaded.
        var values = matched.Select(e => (e.Name, Value: ReadTensor(source, header.DataStart, e, method))).ToList();
        foreach ((string name, Matrix<double> value) in values)
        {
            value.CopyTo(byName[name]);
        }

        return new SafeTensorsLoadResult(
            [.. matched.Select(e => e.Name).Order(StringComparer.Ordinal)],
            strict ? [] : missing,
            strict ? [] : unexpected);
    }

    /// <summary>Loads the safetensors file at a path into existing matrices; see
    /// <see cref="LoadInto(Stream, IReadOnlyDictionary{string, Matrix{double}}, bool)"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="targets">The matrices to fill, by name.</param>
    /// <param name="strict">Whether the file's names must equal the targets' names exactly.</param>
    /// <returns>Which names were loaded, and (non-strict only) which were missing or unexpected.</returns>
    /// <exception cref="ArgumentException">path is null or empty.</exception>
    /// <exception cref="SafeTensorsFormatException">the file is not a valid safetensors file that MlMath reads.</exception>
    /// <exception cref="SafeTensorsMismatchException">a shape differs, or (strict) a name is missing or unexpected.</exception>
    /// <exception cref="IOException">the file cannot be opened or read.</exception>
    public static SafeTensorsLoadResult LoadInto(
        string path, IReadOnlyDictionary<string, Matrix<double>> targets, bool strict = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(targets);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return LoadInto(stream, targets, strict);
    }

    private static SafeTensorsMismatchException Mismatch(
        string method,
        List<SafeTensorsEntry> wrongShape,
        Dictionary<string, Matrix<double>> targets,
        List<string> missing,
        List<string> unexpected)
    {
        var parts = new List<string>();
        foreach (SafeTensorsEntry e in wrongShape)
        {
            Matrix<double> t = targets[e.Name];
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"tensor '{e.Name}' is {e.Rows}x{e.Columns} (shape {e.ShapeText}) in the file but its target is {t.RowCount}x{t.ColumnCount}"));
        }

        if (missing.Count > 0)
        {
            parts.Add("missing from the file: " + string.Join(", ", missing.Select(n => $"'{n}'")));
        }

        if (unexpected.Count > 0)
        {
            parts.Add("in the file but not among the targets: " + string.Join(", ", unexpected.Select(n => $"'{n}'")));
        }

        return new SafeTensorsMismatchException(
            $"{method}: {string.Join("; ", parts)}; no target was changed",
            [.. wrongShape.Select(e => e.Name)],
            missing,
            unexpected);
    }
}
