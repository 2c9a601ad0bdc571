using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.Serialization;

namespace MlMath.NeuralNetworks;

/// <summary>
/// A building block of a model: a function <see cref="Forward(Variable)"/> of a Variable with named parameters,
/// buffers (non-trained state such as batch-norm running statistics) and child modules.
/// </summary>
/// <remarks>
/// Names are dotted paths built from registration names ("0.weight", "encoder.1.bias"), and every
/// enumeration visits a module's own parameters in registration order, then its children in registration
/// order, recursively: the same model always lists its parameters in the same order, which is what
/// optimizers' state and checkpoints rely on.
/// </remarks>
public abstract partial class Module
{
    private readonly List<(string Name, Parameter Parameter)> _parameters = [];
    private readonly List<(string Name, Matrix<double> Buffer)> _buffers = [];
    private readonly List<(string Name, Module Module)> _children = [];

    /// <summary>True in training mode (the default); false after <see cref="Eval"/>. Dropout and batch norm
    /// behave differently in the two modes.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>The module's function: maps an input batch (one row per sample) to an output batch.</summary>
    public abstract Variable Forward(Variable input);

    /// <summary>Forward on a constant input matrix.</summary>
    public Variable Forward(Matrix<double> input) => Forward(Variable.Constant(input));

    /// <summary>All parameters with their dotted names, own first, then children's, in registration order.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> NamedParameters()
    {
        var result = new List<(string, Parameter)>();
        Collect(prefix: string.Empty, result);
        return result;
    }

    /// <summary>All parameters, in the order of <see cref="NamedParameters"/>.</summary>
    public IReadOnlyList<Parameter> Parameters() => NamedParameters().Select(p => p.Parameter).ToList();

    /// <summary>The direct children with their names, in registration order.</summary>
    public IReadOnlyList<(string Name, Module Module)> Children() => _children;

    /// <summary>
    /// The module's state by dotted name: every parameter, then every buffer (e.g. "1.running_mean"), in a
    /// stable order. The matrices are the live storage, not copies: loading writes into them.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Matrix<double>>> StateDict()
    {
        var state = new List<KeyValuePair<string, Matrix<double>>>();
        foreach (var (name, parameter) in NamedParameters()) state.Add(new(name, parameter.Value));
        CollectBuffers(string.Empty, state);
        return state;
    }

    /// <summary>Saves <see cref="StateDict"/> (parameters and buffers) to a safetensors file (F64, names as keys).</summary>
    public void Save(string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsFile.Save(path, StateDict().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), metadata);

    /// <summary>
    /// Loads parameters and buffers from a safetensors file into this module's storage. Everything (format,
    /// names, shapes) is validated before any value changes: on an error the module is unchanged.
    /// With <paramref name="strict"/> false, missing and unexpected names are reported in the result instead of
    /// failing (e.g. loading a pretrained body into a model with a new head).
    /// </summary>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="SafeTensorsMismatchException">A shape differs, or (strict) a name is missing or unexpected.</exception>
    public SafeTensorsLoadResult Load(string path, bool strict = true) =>
        SafeTensorsFile.LoadInto(path, StateDict().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), strict);

    /// <summary>Sets training mode on this module and all its children.</summary>
    public void Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children) child.Train(training);
    }

    /// <summary>Sets evaluation mode (inference) on this module and all its children.</summary>
    public void Eval() => Train(false);

    /// <summary>Freezes every parameter of this module and its children (no gradients, optimizers skip them).</summary>
    public void Freeze()
    {
        foreach (var parameter in Parameters()) parameter.Freeze();
    }

    /// <summary>Makes every parameter of this module and its children trainable again.</summary>
    public void Unfreeze()
    {
        foreach (var parameter in Parameters()) parameter.Unfreeze();
    }

    /// <summary>Clears the accumulated gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters()) parameter.ZeroGrad();
    }

    /// <summary>Total number of scalar parameters.</summary>
    public int ParameterCount() => Parameters().Sum(p => p.Rows * p.Columns);

    /// <summary>Registers a parameter under <paramref name="name"/>; returns it for assignment to a field.</summary>
    /// <exception cref="ArgumentException">The name is empty, contains '.', or is already used.</exception>
    protected Parameter RegisterParameter(string name, Parameter parameter)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(parameter);
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Registers non-trained state (saved in checkpoints, not updated by optimizers).</summary>
    /// <exception cref="ArgumentException">The name is empty, contains '.', or is already used.</exception>
    protected Matrix<double> RegisterBuffer(string name, Matrix<double> buffer)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(buffer);
        _buffers.Add((name, buffer));
        return buffer;
    }

    /// <summary>Registers a child module; returns it for assignment to a field.</summary>
    /// <exception cref="ArgumentException">The name is empty, contains '.', or is already used.</exception>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(module);
        _children.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Module: the name '{name}' contains '.', which separates levels of the dotted path.", nameof(name));
        }

        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) || _children.Any(c => c.Name == name))
        {
            throw new ArgumentException($"Module {GetType().Name}: the name '{name}' is already registered.", nameof(name));
        }
    }

    private void Collect(string prefix, List<(string, Parameter)> result)
    {
        foreach (var (name, parameter) in _parameters) result.Add((prefix + name, parameter));
        foreach (var (name, child) in _children) child.Collect(prefix + name + ".", result);
    }

    private void CollectBuffers(string prefix, List<KeyValuePair<string, Matrix<double>>> result)
    {
        foreach (var (name, buffer) in _buffers) result.Add(new(prefix + name, buffer));
        foreach (var (name, child) in _children) child.CollectBuffers(prefix + name + ".", result);
    }
}
