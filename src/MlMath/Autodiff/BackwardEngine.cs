using System.Numerics.Tensors;

namespace MlMath.Autodiff;

/// <summary>
/// The reverse sweep shared by <see cref="Variable.Backward()"/> and <see cref="Gradients"/>: order the graph
/// topologically, then walk it from the output back to the leaves, calling each node's backward rule once
/// with the sum of the gradients that reached it.
/// </summary>
/// <remarks>
/// A node used twice (x in x * x) receives one contribution per use, and the contributions are summed before
/// its own rule runs: that is the multivariate chain rule, and why gradients accumulate (micrograd's
/// <c>+=</c>). The ordering is an iterative depth-first search, so graphs thousands of operations deep (a
/// neural ODE unrolled over many steps) do not overflow the call stack.
/// </remarks>
internal static class BackwardEngine
{
    /// <summary>
    /// Propagates <paramref name="seed"/> = dL/d(root) back through the graph and returns dL/dv for every leaf v
    /// that requires a gradient and for every node in <paramref name="keep"/> that was reached.
    /// </summary>
    public static Dictionary<Variable, Variable> Run(Variable root, Variable seed, IReadOnlySet<Variable>? keep) =>
        Run(root, seed, keep, TopologicalOrder(root));

    /// <summary>As <see cref="Run(Variable, Variable, IReadOnlySet{Variable})"/>, with the graph's nodes already in
    /// topological order (from <see cref="TopologicalOrder"/>).</summary>
    /// <remarks>With a <paramref name="sink"/> (plain passes of <see cref="Variable.Backward()"/>), gradients of leaves
    /// that own gradient storage go into it and are left out of the result.</remarks>
    public static Dictionary<Variable, Variable> Run(Variable root, Variable seed, IReadOnlySet<Variable>? keep, List<Variable> order,
        LeafGradientSink? sink = null)
    {
        // Each pending gradient remembers whether the engine made it itself, as the sum of several contributions;
        // in a plain pass further contributions are added into such a sum in place (nobody else has seen it yet: a
        // parameter used by every step of an unrolled solver gets dozens) instead of making a new matrix each time.
        var pending = new Dictionary<Variable, PendingGradient>(ReferenceEqualityComparer.Instance) { [root] = new(seed, false) };
        var result = new Dictionary<Variable, Variable>(ReferenceEqualityComparer.Instance);

        // In a plain pass (no graph of the gradients), large gradient arrays that this pass made and that no pending
        // gradient holds any more go back to the pool (see GradientBufferPool): `holders` counts, per array, the
        // pending entries that use it.
        var plain = !GradMode.IsEnabled;
        var holders = plain ? new Dictionary<double[], int>(ReferenceEqualityComparer.Instance) : null;
        var enclosingPass = plain ? GradientBufferPool.BeginPass() : null;
        var enclosingSink = LeafGradientSink.Enter(plain ? sink : null); // rules of this pass see this pass's sink
        var finished = new List<Variable>();
        try
        {
            // Parents come before children in `order`, so walking it backwards visits every node after all the
            // nodes that use it: its gradient is complete when we reach it.
            for (var n = order.Count - 1; n >= 0; n--)
            {
                var node = order[n];
                if (!pending.Remove(node, out var entry)) continue;
                var gradient = entry.Gradient;
                Count(holders, gradient, -1);
                if (node.IsLeaf && plain && sink is not null && sink.TryAccumulate(node, DenseKernels.AsDense(gradient.Value)))
                {
                    finished.Clear();
                    Finish(finished, holders, gradient);
                    if (finished.Count > 0) Recycle(finished, holders!); // added into the leaf's storage: dead now
                    continue;
                }

                if (node.IsLeaf || (keep is not null && keep.Contains(node)))
                {
                    result[node] = gradient;
                    if (plain) GradientBufferPool.Expose(DenseKernels.ValuesOf(gradient.Value)); // the caller gets it
                }

                if (node.IsLeaf) continue;

                Variable?[] parentGradients;
                using (AnomalyMode.InBackwardOf(node.OpName)) parentGradients = node.BackwardFunction!(gradient);
                finished.Clear();
                Finish(finished, holders, gradient);
                var parents = node.Parents;
                for (var p = 0; p < parents.Count; p++)
                {
                    var parentGradient = parentGradients[p];
                    if (parentGradient is null) continue;
                    if (!parents[p].RequiresGrad)
                    {
                        Finish(finished, holders, parentGradient);
                        continue;
                    }

                    AnomalyMode.CheckBackward(node.OpName, p, parentGradient.Value);
                    if (!pending.TryGetValue(parents[p], out var sofar))
                    {
                        pending[parents[p]] = new(parentGradient, false);
                        Count(holders, parentGradient, +1);
                        continue;
                    }

                    if (plain && sofar.MadeHere)
                    {
                        var sofarArray = DenseKernels.ValuesOf(sofar.Gradient.Value);
                        TensorPrimitives.Add(sofarArray, DenseKernels.ValuesOf(parentGradient.Value), sofarArray);
                    }
                    else
                    {
                        var sum = sofar.Gradient + parentGradient;
                        Count(holders, sofar.Gradient, -1);
                        Finish(finished, holders, sofar.Gradient);
                        pending[parents[p]] = new(sum, true);
                        Count(holders, sum, +1);
                    }

                    Finish(finished, holders, parentGradient);
                }

                if (finished.Count > 0) Recycle(finished, holders!);
            }
        }
        finally
        {
            LeafGradientSink.Enter(enclosingSink);
            if (plain) GradientBufferPool.EndPass(enclosingPass);
        }

        return result;
    }

    /// <summary>A gradient waiting for its node, and whether the engine made it (as a sum) in this pass.</summary>
    private readonly record struct PendingGradient(Variable Gradient, bool MadeHere);

    /// <summary>Notes a gradient that may be dead after this node: only large ones in a plain pass, the ones that can be pooled.</summary>
    private static void Finish(List<Variable> finished, Dictionary<double[], int>? holders, Variable gradient)
    {
        if (holders is not null && gradient.Rows * gradient.Columns >= GradientBufferPool.MinimumLength) finished.Add(gradient);
    }

    private static void Count(Dictionary<double[], int>? holders, Variable gradient, int change)
    {
        if (holders is null || gradient.Rows * gradient.Columns < GradientBufferPool.MinimumLength) return; // small: never pooled
        var array = DenseKernels.ValuesOf(gradient.Value);
        holders[array] = holders.GetValueOrDefault(array) + change;
    }

    /// <summary>Returns to the pool each array among <paramref name="finished"/> that this pass made and no pending gradient holds.</summary>
    private static void Recycle(List<Variable> finished, Dictionary<double[], int> holders)
    {
        foreach (var gradient in finished)
        {
            var array = DenseKernels.ValuesOf(gradient.Value);
            if (holders.GetValueOrDefault(array) == 0 && GradientBufferPool.MadeInPass(array)) GradientBufferPool.Return(array);
        }
    }

    /// <summary>Nodes reachable from <paramref name="root"/> through gradient-requiring edges, parents first.</summary>
    public static List<Variable> TopologicalOrder(Variable root)
    {
        var order = new List<Variable>();
        var visited = new HashSet<Variable>(ReferenceEqualityComparer.Instance) { root };
        // Each stack frame is a node and the index of the next parent to visit: an explicit call stack.
        var stack = new Stack<(Variable Node, int NextParent)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var parents = node.Parents;
            if (next < parents.Count)
            {
                stack.Push((node, next + 1));
                var parent = parents[next];
                if (parent.RequiresGrad && visited.Add(parent)) stack.Push((parent, 0));
                continue;
            }

            order.Add(node); // all parents done: post-order
        }

        return order;
    }
}
