using MathNet.Numerics.LinearAlgebra;

namespace MlMath.DifferentialEquations;

/// <summary>
/// The Jacobian J_ij = d f_i / d y_j of the right-hand side at (t, y), written into <paramref name="jacobian"/>
/// (n x n). Stiff solvers use it; without one they difference f (see <see cref="OdeProblem.Jacobian"/>).
/// </summary>
/// <param name="t">The time.</param>
/// <param name="y">The state.</param>
/// <param name="jacobian">Where to write J (every entry must be written).</param>
public delegate void OdeJacobian(double t, ReadOnlySpan<double> y, Matrix<double> jacobian);
