namespace MlMath.Exercises;

/// <summary>Worked solutions of exercises 2.1 to 2.3.</summary>
public static class OptimizationExercises
{
    /// <summary>
    /// Exercise 2.1: v_k = mu v_{k-1} + g_k and theta_{k+1} = theta_k - lr v_k. Since lr v_{k-1} = theta_{k-1} - theta_k,
    /// theta_{k+1} = theta_k - lr g_k - mu lr v_{k-1} = theta_k - lr g_k + mu (theta_k - theta_{k-1}): Polyak's heavy ball.
    /// </summary>
    public static void HeavyBallStep(double[] theta, double[] velocity, double[] gradient, double learningRate, double momentum)
    {
        for (var i = 0; i < theta.Length; i++)
        {
            velocity[i] = momentum * velocity[i] + gradient[i];
            theta[i] -= learningRate * velocity[i];
        }
    }

    /// <summary>
    /// Exercise 2.2: the acceptance test is written as "accept when phi(alpha) &lt;= bound", so that a NaN (for which every
    /// comparison is false) is rejected; "reject while phi(alpha) &gt; bound" would accept it.
    /// </summary>
    public static double ArmijoBacktracking(Func<double, double> phi, double phi0, double derivative0, double initialStep,
        double c1 = 1e-4, double shrinkFactor = 0.5, int maxEvaluations = 50)
    {
        var alpha = initialStep;
        for (var evaluation = 0; evaluation < maxEvaluations; evaluation++)
        {
            if (phi(alpha) <= phi0 + c1 * alpha * derivative0) return alpha;
            alpha *= shrinkFactor;
        }

        throw new InvalidOperationException($"Armijo backtracking: no acceptable step in {maxEvaluations} trials (last alpha {alpha}).");
    }

    /// <summary>
    /// Exercise 2.3: Nocedal &amp; Wright, Algorithm 7.4. The first loop applies the right-hand factors (I - rho y s') of the
    /// unrolled BFGS product from the newest pair down, the middle applies H_0, the second loop the left-hand factors and
    /// the rho s s' terms from the oldest pair up: about 4mn flops instead of the n^2 of a stored matrix.
    /// </summary>
    public static double[] TwoLoopRecursion(IReadOnlyList<double[]> s, IReadOnlyList<double[]> y, double[] g)
    {
        var m = s.Count;
        var q = (double[])g.Clone();
        var a = new double[m];
        var rho = new double[m];
        for (var i = m - 1; i >= 0; i--)
        {
            rho[i] = 1.0 / Dot(y[i], s[i]);
            a[i] = rho[i] * Dot(s[i], q);
            for (var j = 0; j < q.Length; j++) q[j] -= a[i] * y[i][j];
        }

        var gamma = m == 0 ? 1.0 : Dot(s[m - 1], y[m - 1]) / Dot(y[m - 1], y[m - 1]);
        for (var j = 0; j < q.Length; j++) q[j] *= gamma;
        for (var i = 0; i < m; i++)
        {
            var b = rho[i] * Dot(y[i], q);
            for (var j = 0; j < q.Length; j++) q[j] += (a[i] - b) * s[i][j];
        }

        return q;
    }

    private static double Dot(double[] u, double[] v)
    {
        var sum = 0.0;
        for (var i = 0; i < u.Length; i++) sum += u[i] * v[i];
        return sum;
    }
}
