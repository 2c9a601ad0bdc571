using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Optimization;

/// <summary>
/// A module's full-batch loss as a function of its trainable parameters flattened into one vector
/// x = (vec(P_1); vec(P_2); ...), each parameter in column-major order, in <see cref="Module.Parameters"/> order,
/// frozen parameters left out. <see cref="Evaluate"/> writes x into the parameters, calls the loss closure and
/// returns the loss and its gradient flattened the same way.
/// </summary>
/// <remarks>
/// This is the closure protocol of PyTorch's <c>torch.optim.LBFGS</c>: the minimizer may evaluate the loss many
/// times per iteration (line search), so the loss is a closure that recomputes the forward pass from the current
/// parameter values. <see cref="Minimizer.Minimize(Module, Func{Variable}, CancellationToken, IProgress{MinimizationIteration}?)"/>
/// writes the result back into the module.
/// </remarks>
public sealed class ModuleObjective : IDifferentiableObjective
{
    private readonly Func<Variable> _loss;

    /// <summary>Creates the objective over <paramref name="module"/>'s trainable parameters.</summary>
    /// <exception cref="ArgumentException">The module has no trainable parameters.</exception>
    public ModuleObjective(Module module, Func<Variable> loss)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(loss);
        _loss = loss;
        Parameters = module.Parameters().Where(p => !p.IsFrozen).ToList();
        Dimension = Parameters.Sum(p => p.Rows * p.Columns);
        if (Dimension == 0) throw new ArgumentException("ModuleObjective: the module has no trainable parameters.", nameof(module));
    }

    /// <summary>The trainable parameters, in the order their entries appear in x.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>n, the total number of trainable parameter entries.</summary>
    public int Dimension { get; }

    /// <summary>The current parameter values flattened into a new vector of length <see cref="Dimension"/>.</summary>
    public Vector<double> GetPoint()
    {
        var x = Vector<double>.Build.Dense(Dimension);
        var k = 0;
        foreach (var p in Parameters)
        {
            for (var j = 0; j < p.Columns; j++)
            {
                for (var i = 0; i < p.Rows; i++) x[k++] = p.Value[i, j];
            }
        }

        return x;
    }

    /// <summary>Writes x into the parameters (the inverse of <see cref="GetPoint"/>).</summary>
    /// <exception cref="ArgumentException">x's length differs from <see cref="Dimension"/>.</exception>
    public void SetPoint(Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckLength(x);
        var k = 0;
        foreach (var p in Parameters)
        {
            for (var j = 0; j < p.Columns; j++)
            {
                for (var i = 0; i < p.Rows; i++) p.Value[i, j] = x[k++];
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">x's length differs from <see cref="Dimension"/>, or the loss is not 1x1.</exception>
    public double Evaluate(Vector<double> x, Vector<double> gradient)
    {
        SetPoint(x);
        var loss = _loss();
        if (loss.Rows != 1 || loss.Columns != 1)
        {
            throw new ArgumentException($"ModuleObjective: the loss closure must return a 1x1 Variable, but returned {loss.Shape}.");
        }

        var grads = Gradients.Of(loss, Parameters, allowUnused: true);
        var k = 0;
        foreach (var g in grads)
        {
            for (var j = 0; j < g.Columns; j++)
            {
                for (var i = 0; i < g.Rows; i++) gradient[k++] = g.Value[i, j];
            }
        }

        return loss.Item;
    }

    private void CheckLength(Vector<double> x)
    {
        if (x.Count != Dimension)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"ModuleObjective: x (x0) has length {x.Count} but the module's gradient has length {Dimension} (its trainable parameter count)."), nameof(x));
        }
    }
}
