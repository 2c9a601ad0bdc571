using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;

namespace MlMath.Autodiff;

/// <summary>
/// Where a plain backward pass started by <see cref="Variable.Backward()"/> puts the gradients of leaves that
/// already own gradient storage: straight into that storage instead of into new matrices.
/// </summary>
/// <remarks>
/// <para>
/// Why: the gradient of a 784 x 128 weight is 800 KB. .NET puts every array of more than 85,000 bytes on the
/// large-object heap, and with the default GC settings a training loop that makes one such array per step pays
/// for a full (gen-2) collection every few steps, which cost more than the step's arithmetic (docs/benchmarks.md).
/// Writing into the storage the leaf already has makes no array at all.
/// </para>
/// <para>
/// Which leaves: those that require a gradient and own dense storage of their own shape, either their current
/// <see cref="Variable.Grad"/> (gradients accumulate into it, as PyTorch's <c>.grad</c> does) or the storage
/// that <see cref="Variable.ZeroGrad(bool)"/> kept for reuse; and only when that storage is not also a value of
/// the forward graph, since a backward rule may still read those. For kept storage the first contribution of the
/// pass overwrites it and later ones add to it; the leaf's <see cref="Variable.Grad"/> is set to it at the end of
/// the pass, and only if the pass reached the leaf.
/// </para>
/// <para>
/// Two ways in: a backward rule that can write its result into a destination (the weight gradient of
/// <c>Affine</c>, <c>MatMul</c>, the sparse products of graph layers) asks <see cref="TryTake"/> and then returns
/// null for that parent; every other gradient travels through the engine as usual and is added in by
/// <see cref="TryAccumulate"/> when the engine reaches the leaf. Either way the sum is the one the engine would
/// have formed, up to the order of the additions.
/// </para>
/// </remarks>
internal sealed class LeafGradientSink
{
    [ThreadStatic]
    private static LeafGradientSink? t_current;

    private readonly Dictionary<Variable, Target> _targets = new(ReferenceEqualityComparer.Instance);

    /// <summary>Builds the targets for a pass over <paramref name="order"/> (the graph's nodes, parents first) from
    /// <paramref name="seed"/>, the pass's seed gradient (never a target either).</summary>
    public LeafGradientSink(List<Variable> order, DenseMatrix seed, Func<Variable, DenseMatrix?> storageOf)
    {
        HashSet<double[]>? forwardArrays = null;
        foreach (var node in order)
        {
            if (!node.IsLeaf || !node.RequiresGrad || storageOf(node) is not { } storage) continue;
            if (storage.RowCount != node.Rows || storage.ColumnCount != node.Columns) continue;
            forwardArrays ??= ForwardArrays(order, seed);
            if (forwardArrays.Contains(storage.Values)) continue; // a rule may read it: leave it alone
            _targets[node] = new Target(storage, Fresh: node.Grad is null);
        }
    }

    /// <summary>Makes <paramref name="sink"/> the current one; returns the previous one (passes can nest).</summary>
    public static LeafGradientSink? Enter(LeafGradientSink? sink)
    {
        var previous = t_current;
        t_current = sink;
        return previous;
    }

    /// <summary>
    /// Offers <paramref name="leaf"/>'s gradient storage to a backward rule of the current pass. When it returns
    /// true the rule must write its whole contribution into <paramref name="storage"/>: overwriting it when
    /// <paramref name="overwrite"/> is true, adding to it otherwise.
    /// </summary>
    public static bool TryTake(Variable leaf, out DenseMatrix storage, out bool overwrite)
    {
        var sink = t_current;
        if (sink is null || AnomalyMode.IsEnabled || !sink._targets.TryGetValue(leaf, out var target))
        {
            (storage, overwrite) = (null!, false);
            return false;
        }

        storage = target.Storage;
        overwrite = sink.Claim(leaf, target);
        return true;
    }

    /// <summary>Adds a gradient that reached <paramref name="leaf"/> through the engine into its storage; false when the leaf has none.</summary>
    public bool TryAccumulate(Variable leaf, DenseMatrix gradient)
    {
        if (!_targets.TryGetValue(leaf, out var target)) return false;
        var storage = target.Storage.Values;
        if (Claim(leaf, target)) gradient.Values.CopyTo(storage, 0);
        else TensorPrimitives.Add(storage, gradient.Values, storage);
        return true;
    }

    /// <summary>The leaves whose kept storage this pass wrote, with that storage (to become their Grad).</summary>
    public IEnumerable<(Variable Leaf, DenseMatrix Storage)> Written()
    {
        foreach (var (leaf, target) in _targets)
        {
            if (target.Fresh && target.Written) yield return (leaf, target.Storage);
        }
    }

    /// <summary>Marks the target as written; true when this is the first write to fresh storage (overwrite it).</summary>
    private bool Claim(Variable leaf, Target target)
    {
        if (target.Written) return false;
        _targets[leaf] = target with { Written = true };
        return target.Fresh;
    }

    /// <summary>The storage arrays of every value the forward graph of <paramref name="order"/> holds, constants
    /// included, and of the seed: arrays a backward rule may still read, so none may be written or handed out as
    /// a leaf's gradient during the pass.</summary>
    internal static HashSet<double[]> ForwardArrays(List<Variable> order, DenseMatrix seed)
    {
        var arrays = new HashSet<double[]>(order.Count + 1, ReferenceEqualityComparer.Instance) { seed.Values };
        foreach (var node in order)
        {
            arrays.Add(DenseKernels.ValuesOf(node.Value));
            foreach (var parent in node.Parents) arrays.Add(DenseKernels.ValuesOf(parent.Value)); // constants are not in `order`
        }

        return arrays;
    }

    /// <summary>A leaf's storage; Fresh: kept by ZeroGrad (its contents are stale); Written: this pass has written it.</summary>
    private readonly record struct Target(DenseMatrix Storage, bool Fresh, bool Written = false);
}
