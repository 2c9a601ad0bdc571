using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using MlMath.LinearAlgebra;

namespace MlMath.Graphs;

/// <summary>
/// A citation graph with bag-of-words node features, one class per node and the Planetoid split (Yang, Cohen
/// &amp; Salakhutdinov, ICML 2016) used by GCN and GAT: 20 labelled nodes per class for training, 500 for
/// validation, 1000 for testing. Cora and CiteSeer are built in (embedded, gzip-compressed); <see cref="Load"/>
/// reads the same plain-text format from any folder.
/// </summary>
/// <remarks>
/// <para>Format (one folder): <c>edges.txt</c> "i j" per undirected edge; <c>features.txt</c> line i = the
/// ascending column indices of node i's nonzero (binary) features, possibly empty; <c>labels.txt</c> line i =
/// the class of node i, or -1 for none; <c>train.txt</c>, <c>val.txt</c>, <c>test.txt</c> one node id per line;
/// optional <c>meta.json</c> with "features" and "classes" counts (else the largest index + 1).</para>
/// <para>Provenance: the files of Kipf's <c>tkipf/gcn</c> (commit 39a4089, MIT), exported with its
/// <c>load_data</c> preprocessing; see ../shared/data/cora/README.md. Cora: McCallum et al. 2000 (LINQS version,
/// Sen et al. 2008); CiteSeer: Giles et al. 1998. CiteSeer has 15 test-range nodes without features or label
/// (all-zero rows, label -1), in no split.</para>
/// <para>Shapes: features n x f (CSR, binary); labels n.</para>
/// </remarks>
public sealed class PlanetoidDataset
{
    private readonly int[] _labels;
    private readonly int[] _train;
    private readonly int[] _validation;
    private readonly int[] _test;

    private PlanetoidDataset(string name, Graph graph, CsrMatrix features, int[] labels, int classCount, int[] train, int[] validation, int[] test)
    {
        (Name, Graph, Features, _labels, ClassCount, _train, _validation, _test) = (name, graph, features, labels, classCount, train, validation, test);
    }

    /// <summary>The data set's name.</summary>
    public string Name { get; }

    /// <summary>The undirected citation graph (no self loops).</summary>
    public Graph Graph { get; }

    /// <summary>Binary bag-of-words features, n x f, as stored (see <see cref="RowNormalizedFeatures"/>).</summary>
    public CsrMatrix Features { get; }

    /// <summary>The class of every node (-1 where there is none).</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Training nodes (20 per class).</summary>
    public IReadOnlyList<int> TrainNodes => _train;

    /// <summary>Validation nodes (500).</summary>
    public IReadOnlyList<int> ValidationNodes => _validation;

    /// <summary>Test nodes (1000).</summary>
    public IReadOnlyList<int> TestNodes => _test;

    /// <summary>Cora: 2708 papers, 1433 words, 7 classes, 5278 citations; split 140 / 500 / 1000.</summary>
    public static PlanetoidDataset Cora() => Read("Cora", name => Embedded("cora-" + name), 1433, 7);

    /// <summary>CiteSeer: 3327 papers, 3703 words, 6 classes, 4552 citations; split 120 / 500 / 1000.</summary>
    public static PlanetoidDataset CiteSeer() => Read("CiteSeer", name => Embedded("citeseer-" + name), 3703, 6);

    /// <summary>Reads a data set in the format above from <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FormatException">A line cannot be parsed (the file and line are named).</exception>
    public static PlanetoidDataset Load(string folder, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"PlanetoidDataset.Load: no folder '{folder}'.");
        int? features = null, classes = null;
        var meta = Path.Combine(folder, "meta.json");
        if (File.Exists(meta))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(meta));
            if (document.RootElement.TryGetProperty("features", out var f)) features = f.GetInt32();
            if (document.RootElement.TryGetProperty("classes", out var c)) classes = c.GetInt32();
        }

        return Read(name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)),
            file => File.OpenRead(Path.Combine(folder, file + ".txt")), features, classes);
    }

    /// <summary>
    /// The features with each row divided by its sum (a node's words as a distribution), the preprocessing of
    /// Kipf &amp; Welling; an all-zero row stays zero.
    /// </summary>
    public CsrMatrix RowNormalizedFeatures()
    {
        var pointers = Features.RowPointerArray;
        var values = (double[])Features.ValueArray.Clone();
        for (var i = 0; i < Features.RowCount; i++)
        {
            var sum = 0.0;
            for (var k = pointers[i]; k < pointers[i + 1]; k++) sum += values[k];
            if (sum == 0.0) continue;
            for (var k = pointers[i]; k < pointers[i + 1]; k++) values[k] /= sum;
        }

        return Features.WithValues(values);
    }

    /// <summary>The labels of the given nodes, in order.</summary>
    public int[] LabelsOf(IReadOnlyList<int> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return nodes.Select(i => _labels[i]).ToArray();
    }

    /// <summary>"Cora: 2708 nodes, 10556 edges, 1433 features, 7 classes".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Graph.NodeCount} nodes, {Graph.EdgeCount} edges, {Features.ColumnCount} features, {ClassCount} classes");

    private static Stream Embedded(string file)
    {
        var resource = "MlMath.Graphs.Resources." + file + ".txt.gz";
        var stream = typeof(PlanetoidDataset).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"PlanetoidDataset: the embedded resource '{resource}' is missing.");
        return new GZipStream(stream, CompressionMode.Decompress);
    }

    private static PlanetoidDataset Read(string name, Func<string, Stream> open, int? featureCount, int? classCount)
    {
        List<string> Lines(string file)
        {
            using var reader = new StreamReader(open(file));
            var lines = new List<string>();
            while (reader.ReadLine() is { } line) lines.Add(line);
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return lines;
        }

        int Parse(string file, int line, string text) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"PlanetoidDataset {name}: {file}.txt line {line + 1}: '{text}' is not an integer.");

        var labels = Lines("labels").Select((t, k) => Parse("labels", k, t.Trim())).ToArray();
        var n = labels.Length;
        var featureLines = Lines("features");
        while (featureLines.Count < n) featureLines.Add(string.Empty);
        var (rows, columns) = (new List<int>(), new List<int>());
        for (var i = 0; i < n; i++)
        {
            foreach (var token in featureLines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                rows.Add(i);
                columns.Add(Parse("features", i, token));
            }
        }

        var f = featureCount ?? (columns.Count == 0 ? 0 : columns.Max() + 1);
        var features = CsrMatrix.FromCoordinates(n, f, rows, columns, Enumerable.Repeat(1.0, rows.Count).ToArray());
        var edges = Lines("edges").Select((t, k) =>
        {
            var parts = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2) throw new FormatException($"PlanetoidDataset {name}: edges.txt line {k + 1}: '{t}' is not 'i j'.");
            return (Parse("edges", k, parts[0]), Parse("edges", k, parts[1]));
        }).ToList();
        var graph = Graph.FromEdgeList(n, edges, undirected: true);
        int[] Split(string file) => Lines(file).Select((t, k) => Parse(file, k, t.Trim())).ToArray();
        var classes = classCount ?? labels.Max() + 1;
        return new PlanetoidDataset(name, graph, features, labels, classes, Split("train"), Split("val"), Split("test"));
    }
}
