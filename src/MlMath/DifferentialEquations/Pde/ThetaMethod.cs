namespace MlMath.DifferentialEquations.Pde;

/// <summary>
/// One step of the theta method for du/dt = L u + C(t) (Morton &amp; Mayers 2005, section 2.10):
/// (I - theta dt L) u^{n+1} = (I + (1 - theta) dt L) u^n + dt (theta C^{n+1} + (1 - theta) C^n).
/// theta = 0 is explicit Euler (FTCS for the heat equation), theta = 1 implicit Euler, theta = 1/2 Crank-Nicolson.
/// Dirichlet rows are set to g(t_{n+1}). The implicit system is tridiagonal and is solved by <see cref="ThomasAlgorithm"/>.
/// </summary>
internal sealed class ThetaMethod
{
    private readonly ThreePointOperator _op;
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly double[] _rhs;

    public ThetaMethod(ThreePointOperator op, int points)
    {
        _op = op;
        (_a, _b, _c, _rhs) = (new double[points], new double[points], new double[points], new double[points]);
    }

    /// <summary>Advances <paramref name="u"/> in place from t to t + dt.</summary>
    public void Step(Span<double> u, double t, double dt, double theta)
    {
        var n = u.Length;
        var tNew = t + dt;
        for (var i = 0; i < n; i++)
        {
            var end = i == 0 ? _op.Left : i == n - 1 ? _op.Right : (ThreePointOperator.EndRow?)null;
            if (end is { IsDirichlet: true } dirichlet)
            {
                (_a[i], _b[i], _c[i], _rhs[i]) = (0, 1, 0, dirichlet.G(tNew));
                continue;
            }

            var explicitPart = theta < 1 ? (1 - theta) * dt * _op.Apply(u, i, t) : 0.0;
            var newConstant = end is { } row && theta > 0 ? theta * dt * row.G(tNew) : 0.0;
            _rhs[i] = u[i] + explicitPart + newConstant;
            if (i == 0) (_a[i], _b[i], _c[i]) = (0, 1 - theta * dt * _op.Left.Diagonal, -theta * dt * _op.Left.OffDiagonal);
            else if (i == n - 1) (_a[i], _b[i], _c[i]) = (-theta * dt * _op.Right.OffDiagonal, 1 - theta * dt * _op.Right.Diagonal, 0);
            else (_a[i], _b[i], _c[i]) = (-theta * dt * _op.Lower, 1 - theta * dt * _op.Diagonal, -theta * dt * _op.Upper);
        }

        if (theta == 0)
        {
            _rhs.CopyTo(u);
            return;
        }

        ThomasAlgorithm.Solve(_a, _b, _c, _rhs, u);
    }
}
