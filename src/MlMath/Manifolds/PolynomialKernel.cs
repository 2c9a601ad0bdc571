namespace MlMath.Manifolds;

/// <summary>The polynomial kernel k(x, y) = (gamma x^T y + c0)^degree: all monomials up to the degree, weighted.</summary>
public sealed record PolynomialKernel : IKernel
{
    /// <summary>Creates the kernel.</summary>
    /// <param name="degree">The degree, &gt;= 1.</param>
    /// <param name="gamma">gamma &gt; 0, the scale of the inner product.</param>
    /// <param name="coef0">c0 &gt;= 0, the constant term (c0 = 0: homogeneous polynomials only).</param>
    public PolynomialKernel(int degree, double gamma = 1, double coef0 = 1)
    {
        if (degree < 1) throw new ArgumentOutOfRangeException(nameof(degree), degree, "PolynomialKernel: degree must be at least 1.");
        ManifoldChecks.Positive(gamma, "PolynomialKernel", nameof(gamma));
        if (!(coef0 >= 0) || !double.IsFinite(coef0)) throw new ArgumentOutOfRangeException(nameof(coef0), coef0, "PolynomialKernel: coef0 must be finite and non-negative.");
        Degree = degree;
        Gamma = gamma;
        Coef0 = coef0;
    }

    /// <summary>The degree.</summary>
    public int Degree { get; }

    /// <summary>gamma, the scale of the inner product.</summary>
    public double Gamma { get; }

    /// <summary>c0, the constant term.</summary>
    public double Coef0 { get; }

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var dot = 0.0;
        for (var i = 0; i < x.Length; i++) dot += x[i] * y[i];
        return Math.Pow(Gamma * dot + Coef0, Degree);
    }
}
