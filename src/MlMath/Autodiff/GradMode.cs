namespace MlMath.Autodiff;

/// <summary>
/// Whether operations on <see cref="Variable"/>s record the computation graph (grad mode) on this thread.
/// </summary>
/// <remarks>
/// Grad mode is on by default. Inside <c>using (GradMode.NoGrad()) { ... }</c> every operation returns a
/// constant (no parents, no backward rule), which is what inference and optimizer updates want: no graph is
/// built, so nothing is kept alive and no time is spent on bookkeeping. Like PyTorch's <c>torch.no_grad</c>,
/// the mode is per thread: work started on other threads starts with grad mode on.
/// </remarks>
public static class GradMode
{
    [ThreadStatic]
    private static int t_disabledDepth;

    /// <summary>True when operations record the graph on the current thread.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Turns graph recording off until the returned scope is disposed (scopes nest).</summary>
    public static IDisposable NoGrad() => new Scope(disable: true);

    /// <summary>
    /// Turns graph recording back on inside a <see cref="NoGrad"/> scope until the returned scope is disposed;
    /// used by <see cref="Gradients.Of(Variable, IReadOnlyList{Variable}, Variable?, bool, bool)"/> with
    /// <c>createGraph: true</c>.
    /// </summary>
    public static IDisposable EnableGrad() => new Scope(disable: false);

    private sealed class Scope : IDisposable
    {
        private readonly int _savedDepth;
        private bool _disposed;

        public Scope(bool disable)
        {
            _savedDepth = t_disabledDepth;
            t_disabledDepth = disable ? _savedDepth + 1 : 0;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_disabledDepth = _savedDepth;
        }
    }
}
