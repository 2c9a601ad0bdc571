using MathNet.Numerics.LinearAlgebra;
using MlMath.LinearAlgebra;

namespace MlMath.Autodiff;

/// <summary>
/// Checks the engine's gradient of a scalar function of one matrix against central finite differences:
/// the test every new op and every custom op should pass before it is trusted.
/// </summary>
public static class AutodiffGradientCheck
{
    /// <summary>
    /// Computes df/dx at <paramref name="x"/> by one backward pass and compares it, entry by entry, with
    /// <see cref="FiniteDifferences.Gradient(Func{Matrix{double}, double}, Matrix{double}, double?)"/>.
    /// </summary>
    /// <param name="f">A function from a Variable to a 1x1 Variable.</param>
    /// <param name="x">Where to check; not modified.</param>
    /// <param name="step">Optional absolute finite-difference step (default: the documented relative step).</param>
    /// <returns>The worst relative error |analytic - numeric| / max(|analytic|, |numeric|, 1) and where it occurred.</returns>
    /// <exception cref="ArgumentException">f does not return a 1x1 Variable.</exception>
    public static GradientCheckResult Compare(Func<Variable, Variable> f, Matrix<double> x, double? step = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        var input = new Variable(x.Clone(), requiresGrad: true);
        var output = f(input);
        if (output.Rows != 1 || output.Columns != 1)
        {
            throw new ArgumentException($"AutodiffGradientCheck: f must return a 1x1 Variable, but returned {output.Shape}.", nameof(f));
        }

        var analytic = Gradients.Of(output, input, allowUnused: true).Value;
        double Evaluate(Matrix<double> at)
        {
            using var noGrad = GradMode.NoGrad();
            return f(Variable.Constant(at)).Item;
        }

        return GradientCheck.Compare(Evaluate, x, analytic, step);
    }
}
