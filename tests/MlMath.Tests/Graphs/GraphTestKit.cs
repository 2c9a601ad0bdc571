using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Graphs;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.Graphs;

/// <summary>Small random graphs and the finite-difference check of a graph module's gradients.</summary>
internal static class GraphTestKit
{
    private const double Step = 6e-6;

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
    public static Dictionary<string, double> WorstRelativeErrors(Func<Variable, Variable> f, MlMath.NeuralNetworks.Module module, Matrix<double> x, Random rng)
    {
        Matrix<double> Output(Matrix<double> at)
        {
            using var _ = GradMode.NoGrad();
            return f(Variable.Constant(at)).Value;
        }

        var shape = Output(x);
        var weights = GradientTestKit.RandomMatrix(rng, shape.RowCount, shape.ColumnCount, 0.5, 1.5);
        double Loss(Matrix<double> at) => Output(at).PointwiseMultiply(weights).Enumerate().Sum();

        module.ZeroGrad();
        var input = new Variable(x.Clone(), requiresGrad: true);
        f(input).PointwiseMultiply(Variable.Constant(weights)).Sum().Backward();
        var errors = new Dictionary<string, double> { ["input"] = GradientTestKit.WorstRelative(input.Grad!, Numeric(x, Loss)) };
        foreach (var (name, parameter) in module.NamedParameters())
        {
            var numeric = Numeric(parameter.Value, _ => Loss(x));
            errors[name] = GradientTestKit.WorstRelative(parameter.Grad ?? new DenseMatrix(parameter.Rows, parameter.Columns), numeric);
        }

        return errors;
    }

    private static Matrix<double> Numeric(Matrix<double> m, Func<Matrix<double>, double> loss)
    {
        var result = new DenseMatrix(m.RowCount, m.ColumnCount);
        for (var i = 0; i < m.RowCount; i++)
        {
            for (var j = 0; j < m.ColumnCount; j++)
            {
                var x0 = m[i, j];
                var h = Step * Math.Max(1.0, Math.Abs(x0));
                m[i, j] = x0 + h;
                var plus = loss(m);
                m[i, j] = x0 - h;
                var minus = loss(m);
                m[i, j] = x0;
                result[i, j] = (plus - minus) / (2.0 * h);
            }
        }

        return result;
    }
}
