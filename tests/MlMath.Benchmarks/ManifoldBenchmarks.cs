using System.Globalization;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Manifolds;

namespace MlMath.Benchmarks;

/// <summary>
/// Issue 7: the exact 2000-point swiss roll of ../shared/data/swiss_roll (scikit-learn 1.2.1
/// make_swiss_roll(2000, noise=0.05, random_state=0)) embedded in 2-D by PCA, Isomap (k = 10), LLE (k = 12),
/// Laplacian eigenmaps (k = 10) and t-SNE (perplexity 30, Barnes-Hut). Wall time is what BenchmarkDotNet
/// measures; each method's trustworthiness (k = 10) is printed by <see cref="Cleanup"/>.
/// scikit-learn 1.2 on this machine: Isomap 1.29 s (T = 0.9998), LLE 0.09 s (0.9973), t-SNE 6.7 s (0.9997), PCA (0.967).
/// Run: dotnet run -c Release --project tests/MlMath.Benchmarks -- --filter '*ManifoldBenchmarks*'
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ManifoldBenchmarks
{
    private readonly Dictionary<string, Matrix<double>> _embeddings = [];
    private Matrix<double> _x = null!;

    [GlobalSetup]
    public void Setup() => _x = LoadSwissRoll();

    [Benchmark]
    public Matrix<double> Pca() => Keep("PCA", Manifolds.Pca.Fit(_x, 2).Transform(_x));

    [Benchmark]
    public Matrix<double> Isomap() => Keep("Isomap (k = 10)", new Isomap(neighbors: 10).FitTransform(_x).Coordinates);

    [Benchmark]
    public Matrix<double> Lle() => Keep("LLE (k = 12)", new LocallyLinearEmbedding(neighbors: 12).FitTransform(_x).Coordinates);

    [Benchmark]
    public Matrix<double> LaplacianEigenmaps() => Keep("Laplacian eigenmaps (k = 10, heat kernel)", new LaplacianEigenmaps(neighbors: 10).FitTransform(_x).Coordinates);

    [Benchmark]
    public Matrix<double> Tsne() => Keep("t-SNE (perplexity 30, Barnes-Hut)", new Tsne { Perplexity = 30 }.FitTransform(_x, new Random(0)).Coordinates);

    /// <summary>Prints the trustworthiness (k = 10) of every embedding this process computed.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (name, y) in _embeddings)
        {
            var t = EmbeddingQuality.Trustworthiness(_x, y, 10);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Trustworthiness(k = 10) {name}: {t:F4}"));
        }
    }

    private Matrix<double> Keep(string name, Matrix<double> y)
    {
        _embeddings[name] = y;
        return y;
    }

    /// <summary>Reads shared/data/swiss_roll/swiss_roll_2000.txt (x y z t per line), found by walking up from the working folder and the binary.</summary>
    internal static Matrix<double> LoadSwissRoll()
    {
        const string relative = "shared/data/swiss_roll/swiss_roll_2000.txt";
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, relative), Path.Combine(dir.FullName, "..", relative) })
                {
                    if (!File.Exists(candidate)) continue;
                    var rows = File.ReadLines(candidate).Where(l => !l.StartsWith('#') && l.Length > 0)
                        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
                        .ToArray();
                    return DenseMatrix.Create(rows.Length, 3, (i, j) => rows[i][j]);
                }
            }
        }

        throw new FileNotFoundException($"ManifoldBenchmarks: {relative} not found above {Environment.CurrentDirectory}.");
    }
}
