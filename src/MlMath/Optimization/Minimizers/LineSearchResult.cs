namespace MlMath.Optimization;

/// <summary>The outcome of a line search.</summary>
/// <param name="Status">How the search ended; only <see cref="LineSearchStatus.Converged"/> is a success.</param>
/// <param name="Step">The accepted step alpha (on failure: an end of the final bracket, for diagnosis only).</param>
/// <param name="Value">phi(alpha) at <paramref name="Step"/>.</param>
/// <param name="Derivative">phi'(alpha) at <paramref name="Step"/>.</param>
/// <param name="Evaluations">How many times phi was evaluated.</param>
public sealed record LineSearchResult(LineSearchStatus Status, double Step, double Value, double Derivative, int Evaluations)
{
    /// <summary>True when <see cref="Status"/> is <see cref="LineSearchStatus.Converged"/>.</summary>
    public bool Success => Status == LineSearchStatus.Converged;
}
