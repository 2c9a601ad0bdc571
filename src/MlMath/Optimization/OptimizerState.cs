namespace MlMath.Optimization;

/// <summary>
/// The state an optimizer keeps for one parameter: how many updates it has had, and named buffers the
/// size of the parameter (momentum, first and second moments, ...).
/// </summary>
public sealed class OptimizerState
{
    private readonly Dictionary<string, double[]> _buffers = new(StringComparer.Ordinal);

    /// <summary>Number of updates applied to this parameter (t in the formulas, counting from 1 inside an update).</summary>
    public long Step { get; set; }

    /// <summary>The buffers by name, for checkpoints.</summary>
    public IReadOnlyDictionary<string, double[]> Buffers => _buffers;

    /// <summary>The named buffer, created filled with zeros the first time it is asked for.</summary>
    public double[] Buffer(string name, int length)
    {
        if (!_buffers.TryGetValue(name, out var buffer)) _buffers[name] = buffer = new double[length];
        return buffer;
    }

    /// <summary>The named buffer if it exists (e.g. a momentum buffer that starts as the first gradient).</summary>
    public bool TryGetBuffer(string name, out double[] buffer) => _buffers.TryGetValue(name, out buffer!);

    /// <summary>Sets a buffer (used when restoring a checkpoint and by rules that initialise from data).</summary>
    public void SetBuffer(string name, double[] buffer) => _buffers[name] = buffer;
}
