using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Optimization;

/// <summary>An objective given as a delegate returning (value, gradient); the gradient's length is checked.</summary>
internal sealed class DelegateObjective(Func<Vector<double>, (double Value, Vector<double> Gradient)> function) : IDifferentiableObjective
{
    public double Evaluate(Vector<double> x, Vector<double> gradient)
    {
        var (value, g) = function(x);
        if (g is null || g.Count != x.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Objective: x (x0) has length {x.Count} but the objective returned a gradient of length {g?.Count ?? 0}."), nameof(x));
        }

        g.CopyTo(gradient);
        return value;
    }
}
