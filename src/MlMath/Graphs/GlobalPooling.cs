using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;

namespace MlMath.Graphs;

/// <summary>
/// Graph-level readouts: one vector per graph of a <see cref="GraphBatch"/>, pooled over its nodes by sum, mean
/// or max. Each is invariant to the order of the nodes, so a model that pools the output of
/// permutation-equivariant layers is permutation invariant (Xu et al., ICLR 2019, sec. 4.2; sum is the
/// readout that keeps GIN as powerful as the WL test).
/// </summary>
/// <remarks>Shapes: x is N x f for the batch's N nodes; the result is B x f (row b = graph b). An empty graph
/// pools to 0.</remarks>
public static class GlobalPooling
{
    /// <summary>y_b = sum of x_i over the nodes i of graph b. Backward: each node receives its graph's gradient.</summary>
    /// <exception cref="ArgumentException">x does not have one row per node of the batch.</exception>
    public static Variable Sum(Variable x, GraphBatch batch)
    {
        Check("Sum", x, batch);
        return x.ScatterAddRows(batch.NodeToGraphArray, batch.GraphCount);
    }

    /// <summary>y_b = mean of x_i over the nodes i of graph b.</summary>
    /// <exception cref="ArgumentException">x does not have one row per node of the batch.</exception>
    public static Variable Mean(Variable x, GraphBatch batch)
    {
        Check("Mean", x, batch);
        var inverse = new DenseMatrix(batch.GraphCount, 1);
        for (var b = 0; b < batch.GraphCount; b++)
        {
            var count = batch.NodeOffsets[b + 1] - batch.NodeOffsets[b];
            inverse.Values[b] = count > 0 ? 1.0 / count : 0.0;
        }

        return Sum(x, batch).MultiplyColumnVector(Variable.Constant(inverse));
    }

    /// <summary>y_b = max of x_i over the nodes i of graph b, per feature. Backward: to the node attaining it.</summary>
    /// <exception cref="ArgumentException">x does not have one row per node of the batch.</exception>
    public static Variable Max(Variable x, GraphBatch batch)
    {
        Check("Max", x, batch);
        return GraphOps.GroupMax(x, batch.NodeToGraphArray, batch.GraphCount);
    }

    private static void Check(string op, Variable x, GraphBatch batch)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(batch);
        if (x.Rows != batch.NodeToGraph.Count)
        {
            throw new ArgumentException($"GlobalPooling.{op}: x is {x.Shape}, but the batch has {batch.NodeToGraph.Count} nodes (one row per node).", nameof(x));
        }
    }
}
