using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Autodiff;

// Releasing a graph: a training step's intermediate values are dead once the optimizer has stepped, and their
// storage can serve the next step instead of waiting for the garbage collector.
public partial class Variable
{
    /// <summary>The rule a released node gets in place of its own (whose saved values are gone).</summary>
    private static readonly BackwardRule ReleasedRule = _ => throw ReleasedError("backpropagate through it");

    /// <summary>Arrays this node's backward rule reads besides the values of the graph (attention coefficients,
    /// dropout masks), made by the op for this node alone; handed back with the value by <see cref="ReleaseGraph"/>.</summary>
    private List<double[]>? _scratch;

    /// <summary>True for an intermediate Variable whose graph was released by <see cref="ReleaseGraph"/>.</summary>
    public bool IsReleased => _value is null;

    /// <summary>
    /// Hands the storage of every intermediate value of the graph that ends here back for reuse: the values of all
    /// Variables computed on the way from the leaves to this one (this one included), and the arrays their backward
    /// rules kept. What a training loop does after the optimizer step, when the step's graph is dead.
    /// </summary>
    /// <remarks>
    /// <para>Why: a graph network on Cora makes node-feature matrices of 346 KB to 1.4 MB in every forward pass. Left
    /// to the garbage collector, each is a large object that brings the next full collection closer and lands on
    /// fresh pages, whose first touch faults (docs/benchmarks-graphs.md). Handed back, the next pass's values and
    /// gradients are written into the same, already mapped and often still cached, arrays. PyTorch gets the same from
    /// reference counting: a step's tensors are freed when the last reference goes, and its caching allocator reuses
    /// the memory. Here nothing counts references, so the caller says when the graph is dead.</para>
    /// <para>After this call the intermediate Variables cannot be used: reading <see cref="Value"/> (or the shape) or
    /// backpropagating through them throws <see cref="InvalidOperationException"/>. Matrices taken from them
    /// before the call (<c>v.Value</c>, or a <see cref="Detach"/>ed copy, which shares the storage) will change when
    /// the storage is reused: copy (<c>Clone()</c>) what you want to keep first. Leaves (parameters, inputs, constants)
    /// and their gradients are never touched. Calling it again, or on a leaf, does nothing.</para>
    /// </remarks>
    public void ReleaseGraph()
    {
        if (IsLeaf || IsReleased) return;
        var comparer = ReferenceEqualityComparer.Instance;
        var visited = new HashSet<Variable>(comparer) { this };
        var pending = new Stack<Variable>();
        pending.Push(this);
        var leafArrays = new HashSet<double[]>(comparer);
        var freed = new List<double[]>();
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.IsLeaf)
            {
                // a leaf's storage belongs to its owner, even where an op passed it through as its own value
                if (node._value is DenseMatrix leafValue) leafArrays.Add(leafValue.Values);
                continue;
            }

            foreach (var parent in node._parents)
            {
                if (visited.Add(parent)) pending.Push(parent);
            }

            if (node.IsReleased) continue; // part of a graph released before: its storage went back then
            if (node._value is DenseMatrix value) freed.Add(value.Values);
            if (node._scratch is not null) freed.AddRange(node._scratch);
            (node._value, node._scratch, node._backward) = (null, null, ReleasedRule);
        }

        var handedBack = new HashSet<double[]>(comparer); // two nodes may share an array (a view): give it back once
        foreach (var array in freed)
        {
            if (array.Length >= GradientBufferPool.MinimumLength && !leafArrays.Contains(array) && handedBack.Add(array))
            {
                GradientBufferPool.Return(array);
            }
        }
    }

    /// <summary>
    /// Records an array that this node's backward rule reads and that nothing else refers to, so that
    /// <see cref="ReleaseGraph"/> hands it back with the value. Ignored for a leaf (an op's result made without a
    /// graph), which is never released.
    /// </summary>
    internal void KeepScratch(double[] array)
    {
        if (IsLeaf) return;
        (_scratch ??= []).Add(array);
    }

    private static InvalidOperationException ReleasedError(string what) => new(
        $"Cannot {what}: this Variable belongs to a graph that was released (ReleaseGraph, which NodeClassification.TrainEpoch " +
        "calls after its optimizer step and Predict after reading its predictions) and its storage has been reused. Run the forward pass again, or copy values before releasing.");
}
