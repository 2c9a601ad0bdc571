namespace MlMath.NeuralNetworks;

/// <summary>Builds multilayer perceptrons: Linear layers with an activation between them.</summary>
public static class Mlp
{
    /// <summary>
    /// A <see cref="Sequential"/> of Linear(sizes[0], sizes[1]), activation, ..., Linear(sizes[^2], sizes[^1]),
    /// then <paramref name="output"/> (identity by default: the network returns logits or raw values).
    /// E.g. sizes [2, 64, 64, 1] gives 2-64-64-1.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two sizes, or a size that is not positive.</exception>
    public static Sequential Create(IReadOnlyList<int> sizes, ActivationKind hidden, Random random,
        ActivationKind output = ActivationKind.Identity)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count < 2 || sizes.Any(s => s <= 0))
        {
            throw new ArgumentException($"Mlp.Create: sizes [{string.Join(", ", sizes)}] must have at least two entries, all positive.", nameof(sizes));
        }

        var model = new Sequential();
        for (var i = 0; i + 1 < sizes.Count; i++)
        {
            model.Add(new Linear(sizes[i], sizes[i + 1], random));
            var last = i + 2 == sizes.Count;
            var kind = last ? output : hidden;
            if (kind != ActivationKind.Identity) model.Add(new Activation(kind));
        }

        return model;
    }
}
