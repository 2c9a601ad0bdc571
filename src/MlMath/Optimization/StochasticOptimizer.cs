using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;
using MlMath.Serialization;

namespace MlMath.Optimization;

/// <summary>
/// What every stochastic optimizer shares: parameter groups, the loop over parameters that skips frozen ones
/// and ones without a gradient, per-parameter <see cref="OptimizerState"/>, and checkpointing of that state.
/// A concrete optimizer supplies only its update rule, <see cref="Update"/>.
/// </summary>
public abstract class StochasticOptimizer : IOptimizer
{
    private readonly OptimizerState?[] _states;
    private double _learningRate;

    /// <summary>Creates the optimizer over parameter groups.</summary>
    /// <exception cref="ArgumentException">No parameters, a parameter in two groups, or a negative group scale.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is negative or not finite.</exception>
    protected StochasticOptimizer(IEnumerable<ParameterGroup> groups, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = groups.ToList();
        Parameters = Groups.SelectMany(g => g.Parameters).ToList();
        if (Parameters.Count == 0) throw new ArgumentException($"{GetType().Name}: no parameters to optimize.", nameof(groups));
        if (Parameters.Distinct(ReferenceEqualityComparer.Instance).Count() != Parameters.Count)
        {
            throw new ArgumentException($"{GetType().Name}: a parameter appears more than once in the groups.", nameof(groups));
        }

        foreach (var group in Groups) OptimizerChecks.NonNegative("LearningRateScale", group.LearningRateScale);
        LearningRate = learningRate;
        _states = new OptimizerState?[Parameters.Count];
    }

    /// <summary>The parameter groups, in order.</summary>
    public IReadOnlyList<ParameterGroup> Groups { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The base learning rate (schedules change it between steps); each group multiplies it by its scale.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or non-finite value.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            OptimizerChecks.NonNegative("learningRate", value);
            _learningRate = value;
        }
    }

    /// <summary>Applies the update rule once to every trainable parameter that has a gradient.</summary>
    public void Step()
    {
        var index = 0;
        foreach (var group in Groups)
        {
            foreach (var parameter in group.Parameters)
            {
                var state = _states[index] ??= new OptimizerState();
                index++;
                if (parameter.IsFrozen || parameter.Grad is null) continue;
                state.Step++;
                var theta = ((DenseMatrix)parameter.Value).Values;
                Update(theta, OptimizerChecks.ValuesOf(parameter.Grad), state, LearningRate * group.LearningRateScale);
            }
        }
    }

    /// <summary>
    /// Forgets every parameter's gradient (each <see cref="Autodiff.Variable.Grad"/> is null until the next backward
    /// pass reaches it) but keeps the gradient matrices, so that the next pass writes into them instead of allocating
    /// new ones (<see cref="Autodiff.Variable.ZeroGrad(bool)"/>): clone a gradient you want to keep past the next pass.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters) parameter.ZeroGrad(reuseStorage: true);
    }

    /// <summary>
    /// The state of every parameter as named matrices ("3.step" as 1x1, "3.exp_avg" as a column), parameter
    /// index first: save it next to the model's parameters so a resumed run continues bit-identically.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Matrix<double>>> StateDict()
    {
        var result = new List<KeyValuePair<string, Matrix<double>>>();
        for (var i = 0; i < _states.Length; i++)
        {
            if (_states[i] is not { } state) continue;
            var prefix = i.ToString(CultureInfo.InvariantCulture) + ".";
            result.Add(new(prefix + "step", DenseMatrix.Create(1, 1, state.Step)));
            foreach (var (name, buffer) in state.Buffers.OrderBy(b => b.Key, StringComparer.Ordinal))
            {
                result.Add(new(prefix + name, new DenseMatrix(buffer.Length, 1, (double[])buffer.Clone())));
            }
        }

        return result;
    }

    /// <summary>Restores state saved by <see cref="StateDict"/>; everything is validated before anything changes.</summary>
    /// <exception cref="ArgumentException">A key does not name a parameter of this optimizer, or a buffer's size
    /// differs from its parameter's.</exception>
    public void LoadStateDict(IEnumerable<KeyValuePair<string, Matrix<double>>> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var restored = new OptimizerState?[_states.Length];
        foreach (var (key, value) in state)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _states.Length)
            {
                throw new ArgumentException($"{GetType().Name}.LoadStateDict: key '{key}' does not name one of the {_states.Length} parameters.", nameof(state));
            }

            var name = key[(dot + 1)..];
            var target = restored[index] ??= new OptimizerState();
            if (name == "step")
            {
                target.Step = (long)value[0, 0];
                continue;
            }

            var size = Parameters[index].Rows * Parameters[index].Columns;
            if (value.RowCount * value.ColumnCount != size)
            {
                throw new ArgumentException($"{GetType().Name}.LoadStateDict: '{key}' has {value.RowCount * value.ColumnCount} entries, parameter {index} has {size}.", nameof(state));
            }

            target.SetBuffer(name, value.ToColumnMajorArray());
        }

        Array.Copy(restored, _states, _states.Length);
    }

    /// <summary>Saves <see cref="StateDict"/> to a safetensors file (next to the model's own checkpoint).</summary>
    public void SaveState(string path) =>
        SafeTensorsFile.Save(path, StateDict().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            new Dictionary<string, string> { ["optimizer"] = GetType().Name });

    /// <summary>Restores state saved by <see cref="SaveState"/>; validated before anything changes.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="ArgumentException">The state does not fit this optimizer's parameters.</exception>
    public void LoadState(string path) => LoadStateDict(SafeTensorsFile.Load(path).Tensors);

    /// <summary>
    /// The update rule for one parameter: change <paramref name="theta"/> in place from its gradient and state.
    /// <paramref name="state"/>.Step is already incremented (t = 1 at the first update).
    /// </summary>
    protected abstract void Update(double[] theta, double[] gradient, OptimizerState state, double learningRate);

    /// <summary>One group holding all the parameters.</summary>
    protected static IEnumerable<ParameterGroup> SingleGroup(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [new ParameterGroup(parameters.ToList())];
    }
}
