namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// A semi-discrete linear operator (L u)_i = l u_{i-1} + d u_i + r u_{i+1} on the interior nodes of a
/// <see cref="UniformGrid"/>, with one row per end that is either Dirichlet (u = g(t), no equation) or an equation
/// (L u)_end = D u_end + O u_neighbour + C(t) (a Neumann row after eliminating the ghost node). du/dt = L u is what the
/// method of lines gives for the heat and Black-Scholes equations; <see cref="ThetaMethod"/> steps it.
/// </summary>
internal sealed class ThreePointOperator(double lower, double diagonal, double upper, ThreePointOperator.EndRow left, ThreePointOperator.EndRow right)
{
    /// <summary>An end row: Dirichlet with value g(t), or (L u)_end = Diagonal u_end + OffDiagonal u_neighbour + g(t).</summary>
    internal readonly record struct EndRow(bool IsDirichlet, double Diagonal, double OffDiagonal, Func<double, double> G);

    public double Lower { get; } = lower;

    public double Diagonal { get; } = diagonal;

    public double Upper { get; } = upper;

    public EndRow Left { get; } = left;

    public EndRow Right { get; } = right;

    /// <summary>(L u)_i + C_i(t) for a non-Dirichlet row i.</summary>
    public double Apply(ReadOnlySpan<double> u, int i, double t)
    {
        var n = u.Length;
        if (i == 0) return Left.Diagonal * u[0] + Left.OffDiagonal * u[1] + Left.G(t);
        if (i == n - 1) return Right.Diagonal * u[n - 1] + Right.OffDiagonal * u[n - 2] + Right.G(t);
        return Lower * u[i - 1] + Diagonal * u[i] + Upper * u[i + 1];
    }
}
