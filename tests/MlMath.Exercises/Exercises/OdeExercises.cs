using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;

namespace MlMath.Exercises;

/// <summary>
/// Exercises on differential equations (docs/05-differential-equations.md). Run
/// <c>dotnet test tests/MlMath.Exercises -p:Learner=true --filter Ode</c>.
/// </summary>
public static class OdeExercises
{
    /// <summary>
    /// Exercise 5.1 (a Runge-Kutta step from its tableau). Return y_new = y + h sum_i b_i k_i with
    /// k_i = f(t + c_i h, y + h sum_{j&lt;i} a_ij k_j), where row i of <paramref name="a"/> holds a_i1..a_i,i-1.
    /// The same ten lines must work for Euler, RK4 and Dormand-Prince: the method is the data.
    /// </summary>
    public static double[] RungeKuttaStep(Func<double, double[], double[]> f, double t, double[] y, double h,
        double[] c, double[][] a, double[] b) =>
        throw new NotImplementedException("Exercise 5.1: compute the stages k_i in order, then combine them with b.");

    /// <summary>
    /// Exercise 5.2 (stability functions). One step of an explicit Runge-Kutta method on y' = lambda y multiplies y by
    /// R(z), z = h lambda. Return R(z) = 1 + z b^T g where g_i = 1 + z sum_{j&lt;i} a_ij g_j (forward substitution
    /// for (I - z A) g = 1). Check on paper that Euler gives R(z) = 1 + z, so its stability region |R(z)| &lt;= 1 is the
    /// disk of radius 1 centred at -1: on y' = -50 y Euler is stable only for h &lt;= 2/50.
    /// </summary>
    public static Complex StabilityFunction(double[][] a, double[] b, Complex z) =>
        throw new NotImplementedException("Exercise 5.2: forward-substitute g, then R = 1 + z sum b_i g_i.");

    /// <summary>
    /// Exercise 5.3 (the adjoint of a linear ODE). For y' = A y and L = c^T y(T), the adjoint a(t) = dL/dy(t) solves
    /// a' = -A^T a backwards from a(T) = c, and dL/dy0 = a(0). Integrate it with <paramref name="steps"/> classic RK4
    /// steps from t = T down to 0 (h = -T / steps) and return a(0). (Closed form to compare: exp(A^T T) c.)
    /// </summary>
    public static Vector<double> LinearAdjoint(Matrix<double> a, Vector<double> c, double timeEnd, int steps) =>
        throw new NotImplementedException("Exercise 5.3: RK4 on a' = -A^T a, backwards in time.");
}
