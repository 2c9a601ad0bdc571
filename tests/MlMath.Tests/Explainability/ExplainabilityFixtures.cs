using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Tests.Explainability;

/// <summary>Small models with known attributions.</summary>
internal static class ExplainabilityFixtures
{
    /// <summary>f(x) = x w + b with w = (2, -3, 0.5), b = 0.7, as a differentiable model.</summary>
    public static readonly double[] LinearWeights = [2.0, -3.0, 0.5];

    public const double LinearBias = 0.7;

    public static Variable Linear(Variable x) =>
        (x * Variable.Constant(DenseMatrix.OfColumnArrays(LinearWeights))).AddScalar(LinearBias);

    /// <summary>A 3-16-16-2 tanh MLP (a nonlinear, saturating model).</summary>
    public static Sequential Mlp3() => Mlp.Create([3, 16, 16, 2], ActivationKind.Tanh, new Random(11));

    public static Matrix<double> Matrix(double[,] values) => DenseMatrix.OfArray(values);

    public static Vector<double> Vector(params double[] values) => DenseVector.OfArray(values);

    /// <summary>Wraps a function of one row as a predictor over a matrix.</summary>
    public static Func<Matrix<double>, Vector<double>> RowWise(Func<Vector<double>, double> f) =>
        x => DenseVector.Create(x.RowCount, i => f(x.Row(i)));
}
