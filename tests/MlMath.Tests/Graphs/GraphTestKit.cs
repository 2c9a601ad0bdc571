using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Graphs;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.Graphs;

/// <summary>Small random graphs and the finite-difference check of a graph module's gradients.</summary>
internal static class GraphTestKit
{
    /// <summary>An undirected random graph (each pair joined with probability p) plus a path through all nodes, so none is isolated.</summary>
    public static Graph RandomGraph(int n, double p, Random random)
    {
        var edges = new List<(int, int)>();
        for (var i = 1; i < n; i++) edges.Add((i - 1, i));
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 2; j < n; j++)
            {
                if (random.NextDouble() < p) edges.Add((i, j));
            }
        }

        return Graph.FromEdgeList(n, edges);
    }

    /// <summary>A random permutation of 0 .. n - 1.</summary>
    public static int[] Permutation(int n, Random random)
    {
        var p = Enumerable.Range(0, n).ToArray();
        random.Shuffle(p);
        return p;
    }

    /// <summary>Rows moved: result[permutation[i]] = x[i].</summary>
    public static Matrix<double> PermuteRows(Matrix<double> x, IReadOnlyList<int> permutation)
    {
        var result = new DenseMatrix(x.RowCount, x.ColumnCount);
        for (var i = 0; i < x.RowCount; i++) result.SetRow(permutation[i], x.Row(i));
        return result;
    }

    /// <summary>
    /// The worst relative error between one backward pass and central differences of L = sum(W .* f(x)), for
    /// the input (key "input") and every named parameter. The module must be deterministic (Eval mode).
    /// </summary>
    public static Dictionary<string, double> WorstRelativeErrors(Func<Variable, Variable> f, MlMath.NeuralNetworks.Module module, Matrix<double> x, Random rng) =>
        ModuleGradientCheck.WorstRelativeErrors(f, module, x, rng);
}
