using MlMath.NeuralNetworks;

namespace MlMath.DifferentialEquations.Pde;

/// <summary>Builds the usual network of a physics-informed model: (x, t) scaled to [-1, 1]^2, then a tanh MLP with one output.</summary>
public static class PinnNetwork
{
    /// <summary>
    /// Sequential(<see cref="DomainScaling"/>, Linear(2, h_1), tanh, ..., Linear(h_k, 1)) with Glorot-uniform weights
    /// drawn from <paramref name="random"/>. Raissi et al. (2019) use 8 hidden layers of 20 for Burgers; 2-3 layers of
    /// 20-30 suffice for smooth problems.
    /// </summary>
    /// <exception cref="ArgumentException">No hidden layer, or a non-positive width.</exception>
    public static Sequential Create(SpaceTimeDomain domain, IReadOnlyList<int> hiddenSizes, Random random)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        ArgumentNullException.ThrowIfNull(random);
        if (hiddenSizes.Count == 0) throw new ArgumentException("PinnNetwork.Create: give at least one hidden layer width.", nameof(hiddenSizes));
        var body = Mlp.Create([2, .. hiddenSizes, 1], ActivationKind.Tanh, random);
        var network = new Sequential(new DomainScaling(domain));
        foreach (var layer in body.Layers.ToList()) network.Add(layer);
        return network;
    }
}
