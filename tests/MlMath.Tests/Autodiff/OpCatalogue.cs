using MathNet.Numerics.LinearAlgebra;
using MlMath.Autodiff;
using MlMath.LinearAlgebra;
using static MlMath.Tests.Autodiff.GradientTestKit;

namespace MlMath.Tests.Autodiff;

/// <summary>One differentiable operation with a generator of valid random inputs of shape r x c.</summary>
internal sealed record OpCase(string Name, Func<Random, int, int, Matrix<double>[]> Inputs, Func<Variable[], Variable> Apply);

/// <summary>Every op of the engine, each with inputs from its domain (positive for log, away from kinks for relu).</summary>
internal static class OpCatalogue
{
    private static Matrix<double>[] One(Random g, int r, int c) => [RandomMatrix(g, r, c)];
    private static Matrix<double>[] Two(Random g, int r, int c) => [RandomMatrix(g, r, c), RandomMatrix(g, r, c)];
    private static Matrix<double>[] Positive(Random g, int r, int c) => [RandomMatrix(g, r, c, 0.2, 3.0)];
    private static Matrix<double>[] AwayFromZero(Random g, int r, int c) => [RandomAwayFromZero(g, r, c)];

    /// <summary>x (r x k), W (k x c), b (1 x c) for a random inner size k.</summary>
    private static Matrix<double>[] AffineInputs(Random g, int r, int c)
    {
        var k = g.Next(1, 6);
        return [RandomMatrix(g, r, k), RandomMatrix(g, k, c), RandomMatrix(g, 1, c)];
    }

    /// <summary>Inputs with |x W| &lt;= 0.25 and |b| &gt;= 0.5, so that x W + b is at least 0.25 from relu's kink.</summary>
    private static Matrix<double>[] AffineAwayFromKink(Random g, int r, int c)
    {
        var k = g.Next(1, 6);
        return [RandomMatrix(g, r, k, -0.5, 0.5), RandomMatrix(g, k, c, -0.1, 0.1), RandomAwayFromZero(g, 1, c, 0.5, 2.0)];
    }

    public static readonly OpCase[] All =
    [
        new("Add", Two, v => v[0] + v[1]),
        new("Subtract", Two, v => v[0] - v[1]),
        new("Negate", One, v => -v[0]),
        new("AddScalar", One, v => v[0] + 1.7),
        new("ScalarMinus", One, v => 2.5 - v[0]),
        new("MultiplyScalar", One, v => -3.0 * v[0]),
        new("DivideScalar", One, v => v[0] / 4.0),
        new("PointwiseMultiply", Two, v => v[0].PointwiseMultiply(v[1])),
        new("PointwiseDivide", (g, r, c) => [RandomMatrix(g, r, c), RandomAwayFromZero(g, r, c, 0.5, 2.0)], v => v[0].PointwiseDivide(v[1])),
        new("SelfProduct", One, v => v[0].PointwiseMultiply(v[0])),
        new("MatMul", (g, r, c) => { var k = g.Next(1, 6); return [RandomMatrix(g, r, k), RandomMatrix(g, k, c)]; }, v => v[0] * v[1]),
        new("MatMulTransposeA", (g, r, c) => { var k = g.Next(1, 6); return [RandomMatrix(g, k, r), RandomMatrix(g, k, c)]; }, v => Variable.MatMulTransposeA(v[0], v[1])),
        new("MatMulTransposeB", (g, r, c) => { var k = g.Next(1, 6); return [RandomMatrix(g, r, k), RandomMatrix(g, c, k)]; }, v => Variable.MatMulTransposeB(v[0], v[1])),
        new("Affine", AffineInputs, v => Variable.Affine(v[0], v[1], v[2])),
        new("AffineTanh", AffineInputs, v => Variable.Affine(v[0], v[1], v[2], FusedActivation.Tanh)),
        new("AffineSigmoid", AffineInputs, v => Variable.Affine(v[0], v[1], v[2], FusedActivation.Sigmoid)),
        new("AffineTanhNoBias", AffineInputs, v => Variable.Affine(v[0], v[1], null, FusedActivation.Tanh)),
        new("AffineRelu", AffineAwayFromKink, v => Variable.Affine(v[0], v[1], v[2], FusedActivation.Relu)),
        new("Transpose", One, v => v[0].Transpose()),
        new("AddRowVector", (g, r, c) => [RandomMatrix(g, r, c), RandomMatrix(g, 1, c)], v => v[0].AddRowVector(v[1])),
        new("AddColumnVector", (g, r, c) => [RandomMatrix(g, r, c), RandomMatrix(g, r, 1)], v => v[0].AddColumnVector(v[1])),
        new("MultiplyRowVector", (g, r, c) => [RandomMatrix(g, r, c), RandomMatrix(g, 1, c)], v => v[0].MultiplyRowVector(v[1])),
        new("MultiplyColumnVector", (g, r, c) => [RandomMatrix(g, r, c), RandomMatrix(g, r, 1)], v => v[0].MultiplyColumnVector(v[1])),
        new("Sum", One, v => v[0].Sum()),
        new("SumPerRow", One, v => v[0].SumPerRow()),
        new("SumPerColumn", One, v => v[0].SumPerColumn()),
        new("Mean", One, v => v[0].Mean()),
        new("MeanPerRow", One, v => v[0].MeanPerRow()),
        new("MeanPerColumn", One, v => v[0].MeanPerColumn()),
        new("BroadcastScalar", (g, r, c) => [RandomMatrix(g, 1, 1)], v => v[0].BroadcastScalar(3, 2)),
        new("BroadcastRow", (g, r, c) => [RandomMatrix(g, 1, c)], v => v[0].BroadcastRow(3)),
        new("BroadcastColumn", (g, r, c) => [RandomMatrix(g, r, 1)], v => v[0].BroadcastColumn(4)),
        new("MaxPerRow", One, v => v[0].MaxPerRow()),
        new("Exp", One, v => v[0].Exp()),
        new("Log", Positive, v => v[0].Log()),
        new("Sqrt", Positive, v => v[0].Sqrt()),
        new("Pow", Positive, v => v[0].Pow(2.5)),
        new("PowNegative", Positive, v => v[0].Pow(-1.5)),
        new("Square", One, v => v[0].Square()),
        new("Abs", AwayFromZero, v => v[0].Abs()),
        new("Tanh", One, v => v[0].Tanh()),
        new("Sigmoid", One, v => v[0].Sigmoid()),
        new("Relu", AwayFromZero, v => v[0].Relu()),
        new("LeakyRelu", AwayFromZero, v => v[0].LeakyRelu(0.1)),
        new("Elu", AwayFromZero, v => v[0].Elu(1.3)),
        new("Softplus", One, v => v[0].Softplus()),
        new("SoftmaxRows", One, v => v[0].SoftmaxRows()),
        new("LogSoftmaxRows", One, v => v[0].LogSoftmaxRows()),
        new("ConcatRows", (g, r, c) => [RandomMatrix(g, r, c), RandomMatrix(g, g.Next(1, 4), c)], v => Variable.ConcatRows(v[0], v[1])),
        new("ConcatColumns", (g, r, c) => [RandomMatrix(g, r, c), RandomMatrix(g, r, g.Next(1, 4))], v => Variable.ConcatColumns(v[0], v[1])),
        new("SliceRows", (g, r, c) => [RandomMatrix(g, r + 2, c)], v => v[0].SliceRows(1, v[0].Rows - 2)),
        new("SliceColumns", (g, r, c) => [RandomMatrix(g, r, c + 2)], v => v[0].SliceColumns(2, v[0].Columns - 2)),
        new("GatherRows", One, v => v[0].GatherRows(Enumerable.Range(0, 7).Select(k => (k * 5) % v[0].Rows).ToArray())),
        new("ScatterAddRows", One, v => v[0].ScatterAddRows(Enumerable.Range(0, v[0].Rows).Select(k => (k * 2) % 3).ToArray(), 4)),
        new("SparseMultiply", One, v => Variable.SparseMultiply(SparseFor(v[0].Rows), v[0])),
        new("Composite", Two, v => (v[0].Tanh() * v[1].Transpose()).Sigmoid().Sum() + v[0].Square().Mean()),
    ];

    /// <summary>A fixed sparse matrix with (rows + 1) rows, a band plus a corner entry, duplicates summed.</summary>
    private static CsrMatrix SparseFor(int columns)
    {
        var rows = new List<int>();
        var cols = new List<int>();
        var values = new List<double>();
        for (var i = 0; i <= columns; i++)
        {
            rows.Add(i); cols.Add(i % columns); values.Add(0.5 + i);
            rows.Add(i); cols.Add((i + 1) % columns); values.Add(-0.25 * i);
        }

        rows.Add(0); cols.Add(columns - 1); values.Add(2.0);
        return CsrMatrix.FromCoordinates(columns + 1, columns, rows, cols, values);
    }
}
