using MathNet.Numerics.LinearAlgebra;
using MlMath.LinearAlgebra;

namespace MlMath.Tests.LinearAlgebra;

public sealed class LeastSquaresTests
{
    private static Vector<double> V(params double[] values) => Vector<double>.Build.Dense(values);

    private static Matrix<double> M(double[,] values) => Matrix<double>.Build.DenseOfArray(values);

    private static readonly Func<Matrix<double>, Vector<double>, LeastSquaresResult>[] FullRankSolvers =
        [LeastSquares.NormalEquations, LeastSquares.Qr, (a, b) => LeastSquares.Svd(a, b)];

    /// <summary>The m x n Vandermonde matrix V[i, j] = t_i^j at t_i = i / (m - 1), points in [0, 1].</summary>
    private static Matrix<double> Vandermonde(int m, int n) =>
        Matrix<double>.Build.Dense(m, n, (i, j) => Math.Pow(i / (double)(m - 1), j));

    [Fact]
    public void Well_conditioned_consistent_system_all_three_recover_the_exact_solution()
    {
        // Truth by construction: b = A x* with x* = [1, -2, 0.5], so x* solves the problem with residual 0.
        var a = M(new double[,] { { 2, 1, 0 }, { 1, 3, 1 }, { 0, 1, 4 }, { 1, 0, 1 }, { 3, -1, 2 }, { -1, 2, 1 } });
        var exact = V(1, -2, 0.5);
        Vector<double> b = a * exact;
        foreach (var solve in FullRankSolvers)
        {
            LeastSquaresResult result = solve(a, b);
            (result.Solution - exact).InfinityNorm().Should().BeLessThan(1e-13, result.Method.ToString());
            result.ResidualNorm.Should().BeLessThan(1e-13);
            result.Rank.Should().Be(3);
            result.ConditionNumber.Should().BeInRange(1, 10);
        }
    }

    [Fact]
    public void Straight_line_fit_matches_the_textbook_closed_form()
    {
        // Fit y = c0 + c1 t to (0, 1), (1, 2), (2, 2), (3, 4). Closed form (worked by hand):
        // slope = sum (t - 1.5)(y - 2.25) / sum (t - 1.5)^2 = 4.5 / 5 = 0.9, intercept = 2.25 - 0.9 * 1.5 = 0.9;
        // residuals [0.1, 0.2, -0.7, 0.4], so ||r|| = sqrt(0.7).
        var a = M(new double[,] { { 1, 0 }, { 1, 1 }, { 1, 2 }, { 1, 3 } });
        var y = V(1, 2, 2, 4);
        var expected = new[] { LeastSquaresMethod.NormalEquations, LeastSquaresMethod.Qr, LeastSquaresMethod.Svd };
        for (int k = 0; k < FullRankSolvers.Length; k++)
        {
            LeastSquaresResult result = FullRankSolvers[k](a, y);
            result.Method.Should().Be(expected[k]);
            result.Solution[0].Should().BeApproximately(0.9, 1e-14);
            result.Solution[1].Should().BeApproximately(0.9, 1e-14);
            result.ResidualNorm.Should().BeApproximately(Math.Sqrt(0.7), 1e-14);
        }
    }

    [Fact]
    public void Ill_conditioned_polynomial_fit_QR_and_SVD_beat_normal_equations()
    {
        // Truth by construction: the degree-9 polynomial with all coefficients 1, sampled at 100 points
        // in [0, 1] (Trefethen and Bau, Lecture 19, make the same point with a degree-14 fit).
        // cond(A) is about 3.7e6, so cond(A^T A) is about 1.4e13.
        // Measured (MathNet 5.0.0 managed provider, x64): max |x - x*| = 2.1e-4 for the normal equations,
        // 1.5e-10 for QR and 5.0e-10 for SVD; theory predicts cond(A)^2 eps = 3e-3 and cond(A) eps = 8e-10.
        // The bounds below leave a margin of 100 or more on each side.
        Matrix<double> a = Vandermonde(100, 10);
        Vector<double> exact = Vector<double>.Build.Dense(10, 1.0);
        Vector<double> b = a * exact;

        LeastSquaresResult normal = LeastSquares.NormalEquations(a, b);
        LeastSquaresResult qr = LeastSquares.Qr(a, b);
        LeastSquaresResult svd = LeastSquares.Svd(a, b);
        double normalError = (normal.Solution - exact).InfinityNorm();
        double qrError = (qr.Solution - exact).InfinityNorm();
        double svdError = (svd.Solution - exact).InfinityNorm();

        normal.ConditionNumber.Should().BeInRange(1e6, 1e7);
        qrError.Should().BeLessThan(1e-7);
        svdError.Should().BeLessThan(1e-7);
        normalError.Should().BeGreaterThan(1e-6);
        normalError.Should().BeGreaterThan(1000 * Math.Max(qrError, svdError));
        // All three still fit the data well: the normal equations' damage is in x, not (much) in A x.
        qr.ResidualNorm.Should().BeLessThan(1e-12);
        svd.ResidualNorm.Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Rank_deficient_problem_SVD_gives_minimum_norm_solution_and_others_refuse()
    {
        // Two identical columns: x0 + x1 = 2 along the data; the minimum-norm solution is [1, 1].
        var a = M(new double[,] { { 1, 1 }, { 2, 2 }, { 3, 3 } });
        var b = V(2, 4, 6);
        LeastSquaresResult svd = LeastSquares.Svd(a, b);
        svd.Solution[0].Should().BeApproximately(1, 1e-14);
        svd.Solution[1].Should().BeApproximately(1, 1e-14);
        svd.Rank.Should().Be(1);
        svd.ConditionNumber.Should().BeGreaterThan(1e15, "sigma_min is 0 up to rounding");

        Action normal = () => LeastSquares.NormalEquations(a, b);
        normal.Should().Throw<ArgumentException>().WithMessage("NormalEquations: A^T A is not numerically positive definite (A is 3x2*use Qr or Svd*");
        Action qr = () => LeastSquares.Qr(a, b);
        qr.Should().Throw<ArgumentException>().WithMessage("Qr: A (3x2) is numerically rank deficient*use Svd*");
    }

    [Fact]
    public void Svd_solves_underdetermined_systems_with_minimum_norm()
    {
        // x0 + x1 = 2 has minimum-norm solution [1, 1] (the projection of 0 onto the solution line).
        LeastSquaresResult result = LeastSquares.Svd(M(new double[,] { { 1, 1 } }), V(2));
        result.Solution[0].Should().BeApproximately(1, 1e-15);
        result.Solution[1].Should().BeApproximately(1, 1e-15);
        result.ResidualNorm.Should().BeLessThan(1e-15);
    }

    [Fact]
    public void Svd_cutoff_drops_small_singular_values()
    {
        // diag(1, 0.1): with rcond 0.5 only sigma = 1 is kept, so x = [1, 0] instead of [1, 10].
        var a = M(new double[,] { { 1, 0 }, { 0, 0.1 } });
        var b = V(1, 1);
        LeastSquaresResult truncated = LeastSquares.Svd(a, b, rcond: 0.5);
        truncated.Solution[0].Should().BeApproximately(1, 1e-15);
        truncated.Solution[1].Should().BeApproximately(0, 1e-15);
        truncated.Rank.Should().Be(1);
        truncated.ResidualNorm.Should().BeApproximately(1, 1e-15);
        LeastSquares.Svd(a, b).Solution[1].Should().BeApproximately(10, 1e-13);
    }

    [Fact]
    public void Wrong_length_b_is_rejected_with_shapes()
    {
        var a = Matrix<double>.Build.Dense(4, 2, 1.0);
        Action act = () => LeastSquares.Qr(a, V(1, 2, 3));
        act.Should().Throw<ArgumentException>()
            .WithMessage("Qr: b has length 3 but A is 4x2; b needs one entry per row of A (4)*")
            .And.ParamName.Should().Be("b");
    }

    [Fact]
    public void Fewer_rows_than_columns_is_rejected_for_normal_equations_and_QR()
    {
        var a = Matrix<double>.Build.Dense(2, 3, 1.0);
        Action normal = () => LeastSquares.NormalEquations(a, V(1, 2));
        normal.Should().Throw<ArgumentException>().WithMessage("NormalEquations: A is 2x3, fewer rows than columns*");
        Action qr = () => LeastSquares.Qr(a, V(1, 2));
        qr.Should().Throw<ArgumentException>().WithMessage("Qr: A is 2x3, fewer rows than columns*");
    }

    [Fact]
    public void Non_finite_inputs_are_rejected_with_position()
    {
        var a = M(new double[,] { { 1, 0 }, { double.NaN, 1 }, { 1, 1 } });
        Action badA = () => LeastSquares.Svd(a, V(1, 2, 3));
        badA.Should().Throw<ArgumentException>().WithMessage("Svd: a has a non-finite entry NaN at (1, 0) (a is 3x2)*");
        Action badB = () => LeastSquares.NormalEquations(Matrix<double>.Build.DenseIdentity(3), V(1, 2, double.PositiveInfinity));
        badB.Should().Throw<ArgumentException>().WithMessage("NormalEquations: b has a non-finite entry Infinity at index 2 (length 3)*");
    }

    [Fact]
    public void Bad_rcond_and_zero_matrix_are_rejected()
    {
        Action rcond = () => LeastSquares.Svd(Matrix<double>.Build.DenseIdentity(2), V(1, 1), rcond: 1.5);
        rcond.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Svd: rcond must be in [0, 1) but is 1.5*");
        Action zero = () => LeastSquares.Svd(Matrix<double>.Build.Dense(3, 2), V(1, 1, 1));
        zero.Should().Throw<ArgumentException>().WithMessage("Svd: A (3x2) is the zero matrix*");
    }
}
