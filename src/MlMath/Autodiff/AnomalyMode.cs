using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Autodiff;

/// <summary>
/// Anomaly detection: while enabled, every operation checks its result (forward) and every backward rule
/// checks the gradients it produces, and the first NaN or infinity raises an
/// <see cref="InvalidOperationException"/> that names the operation, the pass and the position.
/// </summary>
/// <remarks>
/// A NaN that appears deep inside a training run spreads to every parameter within one step, and by then
/// the loss only says "NaN". Anomaly mode costs a scan of every intermediate value, so it is off by default;
/// turn it on with <c>using (AnomalyMode.Enable()) { ... }</c> while hunting the culprit. Per thread, like
/// <see cref="GradMode"/>.
/// </remarks>
public static class AnomalyMode
{
    [ThreadStatic]
    private static int t_depth;

    // The op whose backward rule is running, so that a NaN made by one of the rule's own steps is reported
    // as coming from that op's backward pass rather than from the helper op that computed it.
    [ThreadStatic]
    private static string? t_backwardOp;

    /// <summary>True when anomaly detection is on for the current thread.</summary>
    public static bool IsEnabled => t_depth > 0;

    /// <summary>Turns anomaly detection on until the returned scope is disposed (scopes nest).</summary>
    public static IDisposable Enable() => new Scope();

    internal static void CheckForward(string op, Matrix<double> value)
    {
        if (t_depth == 0) return;
        if (t_backwardOp is null) Check(op, "forward", "output", value);
        else Check(t_backwardOp, "backward", "gradient (in its step '" + op + "')", value);
    }

    /// <summary>Marks the backward rule of <paramref name="op"/> as running until the scope is disposed.</summary>
    internal static BackwardScope InBackwardOf(string op) => new(op);

    internal static void CheckBackward(string op, int parentIndex, Matrix<double> gradient)
    {
        if (t_depth == 0) return; // off: not even the message is built
        Check(op, "backward", "gradient for input " + parentIndex.ToString(CultureInfo.InvariantCulture), gradient);
    }

    private static void Check(string op, string pass, string what, Matrix<double> value)
    {
        if (t_depth == 0) return;
        var values = DenseKernels.ValuesOf(value);
        for (var k = 0; k < values.Length; k++)
        {
            if (double.IsFinite(values[k])) continue;
            var row = k % value.RowCount;
            var column = k / value.RowCount;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Anomaly: {pass} of op '{op}' produced {values[k]} in its {what} ({value.RowCount}x{value.ColumnCount}) at row {row}, column {column}."));
        }
    }

    internal readonly struct BackwardScope : IDisposable
    {
        private readonly string? _saved;

        public BackwardScope(string op)
        {
            _saved = t_backwardOp;
            if (t_depth > 0) t_backwardOp = op;
        }

        public void Dispose() => t_backwardOp = _saved;
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public Scope() => t_depth++;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_depth--;
        }
    }
}
