using MlMath.Autodiff;

namespace MlMath.NeuralNetworks;

/// <summary>Modules applied one after another: y = f_n(... f_2(f_1(x))). Children are named "0", "1", ...</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    /// <summary>Creates the chain from the given modules, in order.</summary>
    public Sequential(params Module[] layers)
    {
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>Appends a layer (named by its index).</summary>
    public void Add(Module layer)
    {
        RegisterModule(Name(_layers.Count), layer);
        _layers.Add(layer);
    }

    /// <summary>The number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>
    /// Replaces the layer at <paramref name="index"/> (transfer learning: a new head for a new task). The new layer
    /// keeps the name of the old one, so every other parameter keeps its name and order.
    /// </summary>
    /// <returns>The layer that was replaced.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a layer position.</exception>
    public Module Replace(int index, Module layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        CheckIndex(index, "Replace");
        ReplaceModule(Name(index), layer);
        var old = _layers[index];
        _layers[index] = layer;
        return old;
    }

    /// <summary>
    /// Removes the layer at <paramref name="index"/> (e.g. the old head, leaving the body as a feature extractor).
    /// The later layers move up and are renamed by their new positions, like PyTorch's <c>del seq[i]</c>.
    /// </summary>
    /// <returns>The removed layer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a layer position.</exception>
    public Module RemoveAt(int index)
    {
        CheckIndex(index, "RemoveAt");
        for (var i = _layers.Count - 1; i >= index; i--) RemoveModule(Name(i));
        var removed = _layers[index];
        _layers.RemoveAt(index);
        for (var i = index; i < _layers.Count; i++) RegisterModule(Name(i), _layers[i]);
        return removed;
    }

    /// <summary>Applies each layer in turn.</summary>
    /// <remarks>A <see cref="Linear"/> layer directly followed by a tanh, sigmoid or relu <see cref="Activation"/>
    /// runs as one fused operation (<see cref="Linear.Forward(Variable, FusedActivation)"/>): the same numbers
    /// and gradients, with one intermediate matrix instead of three.</remarks>
    public override Variable Forward(Variable input)
    {
        var x = input;
        for (var i = 0; i < _layers.Count; i++)
        {
            if (_layers[i] is Linear linear && i + 1 < _layers.Count && _layers[i + 1] is Activation next
                && Fusable(next.Kind) is { } fused)
            {
                x = linear.Forward(x, fused);
                i++; // the activation has been applied
                continue;
            }

            x = _layers[i].Forward(x);
        }

        return x;
    }

    private static FusedActivation? Fusable(ActivationKind kind) => kind switch
    {
        ActivationKind.Identity => FusedActivation.Identity,
        ActivationKind.Tanh => FusedActivation.Tanh,
        ActivationKind.Sigmoid => FusedActivation.Sigmoid,
        ActivationKind.Relu => FusedActivation.Relu,
        _ => null,
    };

    private static string Name(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void CheckIndex(int index, string method)
    {
        if ((uint)index >= (uint)_layers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"Sequential.{method}: index {index} is not a layer position; the model has {_layers.Count} layers (0..{_layers.Count - 1}).");
        }
    }
}
