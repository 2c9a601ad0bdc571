using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Data;

namespace MlMath.Manifolds;

/// <summary>
/// t-distributed stochastic neighbour embedding: a map whose Student-t neighbour probabilities Q match the
/// data's Gaussian neighbour probabilities P in the Kullback-Leibler sense.
/// </summary>
/// <remarks>
/// <para>van der Maaten and Hinton, "Visualizing data using t-SNE", JMLR 9, 2008: p_{j|i} is a Gaussian
/// around x_i whose width gives perplexity <see cref="Perplexity"/> (<see cref="PerplexitySearch"/>),
/// p_ij = (p_{j|i} + p_{i|j}) / (2n), q_ij = (1 + |y_i - y_j|^2)^(-1) / Z, and C = KL(P || Q) is minimised by
/// gradient descent with momentum and per-coordinate adaptive gains (Jacobs 1988): gains grow by 0.2 where
/// the gradient changes sign against the last update and shrink by 0.8 otherwise (at least 0.01), then
/// u &lt;- mu u - eta (gains * grad), y &lt;- y + u, with mu = 0.5 for the first
/// <see cref="EarlyExaggerationIterations"/> iterations and 0.8 after. During those first iterations P is
/// multiplied by <see cref="EarlyExaggeration"/> so that clusters form tight, well separated groups.</para>
/// <para>van der Maaten, "Accelerating t-SNE using tree-based algorithms", JMLR 15, 2014 (Barnes-Hut): P is
/// kept only on each point's floor(3 perplexity) + 1 nearest neighbours, and the repulsion's n^2 sum is
/// approximated with a quadtree (<see cref="Theta"/>), O(n log n) per iteration.</para>
/// <para>Defaults follow scikit-learn 1.2 (1000 iterations, exaggeration 12 for 250, learning rate
/// max(n / 12 / 4, 50), PCA initialisation, theta 0.5), so results compare with its TSNE.</para>
/// </remarks>
public sealed class Tsne
{
    /// <summary>KL(P || Q) is evaluated every this many iterations (and at the end) for the history and progress.</summary>
    public const int KlEvaluationInterval = 50;

    /// <summary>The embedding dimension c (Barnes-Hut needs 2).</summary>
    public int Components { get; init; } = 2;

    /// <summary>The target perplexity, the effective number of neighbours; must be below n - 1.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>The factor applied to P in the first iterations.</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>How many iterations use the exaggerated P (and momentum 0.5).</summary>
    public int EarlyExaggerationIterations { get; init; } = 250;

    /// <summary>The total number of iterations.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>The step size eta, or null for max(n / EarlyExaggeration / 4, 50) (Belkina et al. 2019, scikit-learn's "auto").</summary>
    public double? LearningRate { get; init; }

    /// <summary>The Barnes-Hut accuracy parameter: a cell of side w at distance d is summarised when w / d &lt; theta; 0.5 by default, below 1/sqrt 2.</summary>
    public double Theta { get; init; } = 0.5;

    /// <summary>Exact or Barnes-Hut gradients.</summary>
    public TsneGradientMethod Method { get; init; } = TsneGradientMethod.BarnesHut;

    /// <summary>How the embedding starts.</summary>
    public TsneInitialization Initialization { get; init; } = TsneInitialization.Pca;

    /// <summary>Embeds the rows of <paramref name="x"/>.</summary>
    /// <param name="x">n x d data, finite, n &gt;= 4.</param>
    /// <param name="random">Randomness for <see cref="TsneInitialization.Random"/> (unused with PCA initialisation, which is deterministic).</param>
    /// <param name="progress">Receives the iteration and, every <see cref="KlEvaluationInterval"/> iterations, the KL divergence; may be null.</param>
    /// <param name="cancellationToken">Checked every iteration.</param>
    /// <exception cref="ArgumentException">NaN or infinity in the data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Perplexity not in (1, n - 1), components &lt; 1, Barnes-Hut with components != 2, or a bad hyper-parameter.</exception>
    public TsneResult FitTransform(Matrix<double> x, Random random, IProgress<TsneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        const string method = "Tsne.FitTransform";
        ManifoldChecks.Data(x, method, nameof(x), 4);
        ManifoldChecks.NotNull(random, method, nameof(random));
        int n = x.RowCount, d = x.ColumnCount, c = Components;
        Validate(n, method);
        var neighbors = Method == TsneGradientMethod.Exact ? n - 1 : Math.Min(n - 1, (int)(3 * Perplexity) + 1);
        var p = JointProbabilities.Compute(ManifoldChecks.RowMajor(x), n, d, Perplexity, neighbors);
        var y = Initialize(x, random);
        var eta = LearningRate ?? Math.Max(n / EarlyExaggeration / 4, 50);

        var gradient = new double[n * c];
        var update = new double[n * c];
        var gains = new double[n * c];
        Array.Fill(gains, 1.0);
        var history = new List<(int, double)>();
        var tree = Method == TsneGradientMethod.BarnesHut ? new BarnesHutQuadtree(n) : null;
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var early = iteration < EarlyExaggerationIterations;
            TsneGradient.Compute(p, y, c, Method, Theta, early ? EarlyExaggeration : 1.0, gradient, tree);
            var momentum = early ? 0.5 : 0.8;
            for (var t = 0; t < y.Length; t++)
            {
                gains[t] = update[t] * gradient[t] < 0 ? gains[t] + 0.2 : Math.Max(gains[t] * 0.8, 0.01);
                update[t] = momentum * update[t] - eta * gains[t] * gradient[t];
                y[t] += update[t];
            }

            var kl = double.NaN;
            if ((iteration + 1) % KlEvaluationInterval == 0)
            {
                kl = TsneGradient.KlDivergence(p, y, c, Normalisation(p, y, c));
                history.Add((iteration + 1, kl));
            }

            progress?.Report(new TsneProgress(iteration + 1, Iterations, kl));
        }

        var final = TsneGradient.KlDivergence(p, y, c, Normalisation(p, y, c));
        return new TsneResult(DenseMatrix.Create(n, c, (i, a) => y[i * c + a]), final, history, Iterations);
    }

    /// <summary>Z = sum_{i != j} (1 + |y_i - y_j|^2)^(-1) for the current y (Barnes-Hut: approximated).</summary>
    private double Normalisation(JointProbabilities p, double[] y, int c)
    {
        var scratch = new double[y.Length];
        return TsneGradient.Compute(p, y, c, Method, Theta, 1.0, scratch);
    }

    private void Validate(int n, string method)
    {
        if (Components < 1) throw new ArgumentOutOfRangeException(nameof(Components), Components, $"{method}: Components must be at least 1.");
        if (Method == TsneGradientMethod.BarnesHut && Components != 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Components), Components, ManifoldChecks.F($"{method}: the Barnes-Hut method uses a quadtree and needs Components = 2, not {Components}; use TsneGradientMethod.Exact."));
        }

        if (!(Perplexity > 1) || !(Perplexity < n - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Perplexity), Perplexity, ManifoldChecks.F($"{method}: perplexity {Perplexity} is too large for n = {n} points: it must be greater than 1 and less than n - 1 = {n - 1} (the effective number of neighbours cannot exceed the number of other points)."));
        }

        if (!(EarlyExaggeration >= 1) || !double.IsFinite(EarlyExaggeration)) throw new ArgumentOutOfRangeException(nameof(EarlyExaggeration), EarlyExaggeration, $"{method}: EarlyExaggeration must be finite and at least 1.");
        if (EarlyExaggerationIterations < 0 || Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, $"{method}: Iterations must be positive and EarlyExaggerationIterations non-negative.");
        if (LearningRate is { } eta) ManifoldChecks.Positive(eta, method, nameof(LearningRate));
        if (!(Theta >= 0) || !(Theta < 1)) throw new ArgumentOutOfRangeException(nameof(Theta), Theta, $"{method}: Theta must be in [0, 1).");
    }

    private double[] Initialize(Matrix<double> x, Random random)
    {
        int n = x.RowCount, c = Components;
        var y = new double[n * c];
        if (Initialization == TsneInitialization.Random || c > Math.Min(n, x.ColumnCount))
        {
            for (var t = 0; t < y.Length; t++) y[t] = Gaussian.Sample(random, 1e-4);

            return y;
        }

        var scores = Pca.Fit(x, c).Transform(x);
        var first = scores.Column(0);
        var std = Math.Sqrt(first.Select(v => v * v).Average() - Math.Pow(first.Average(), 2));
        var scale = std > 0 ? 1e-4 / std : 1.0;
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < c; a++) y[i * c + a] = scores[i, a] * scale;
        }

        return y;
    }
}
