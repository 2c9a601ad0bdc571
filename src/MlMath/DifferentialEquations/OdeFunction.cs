namespace MlMath.DifferentialEquations;

/// <summary>
/// The right-hand side of dy/dt = f(t, y), written in place: it reads <paramref name="y"/> and writes f(t, y) into
/// <paramref name="dydt"/> (same length), so that a solver step allocates nothing.
/// </summary>
/// <param name="t">The time.</param>
/// <param name="y">The state (do not keep a reference: the solver reuses the buffer).</param>
/// <param name="dydt">Where to write f(t, y).</param>
public delegate void OdeFunction(double t, ReadOnlySpan<double> y, Span<double> dydt);
