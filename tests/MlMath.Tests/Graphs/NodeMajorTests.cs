using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Graphs;
using MlMath.LinearAlgebra;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.Graphs;

/// <summary>
/// The node-major ops (GraphOps.NodeMajor.cs) against the column-major compositions they replace, and the fast paths
/// of the kernels against their plain loops: the same numbers bit for bit where the order of additions is the same.
/// </summary>
public class NodeMajorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NodeMajorPropagationEqualsTheTransposedProduct(bool withBias)
    {
        var rng = new Random(11);
        var s = CsrMatrix.FromMatrix(GradientTestKit.RandomMatrix(rng, 7, 7).PointwiseMultiply(DenseMatrix.Create(7, 7, (i, j) => (i + 2 * j) % 3 == 0 ? 1 : 0)));
        var x = GradientTestKit.RandomMatrix(rng, 7, 13);
        var b = GradientTestKit.RandomMatrix(rng, 1, 13);
        Variable Fused(Variable[] v) => GraphOps.Transpose(GraphOps.SparseMultiplyNodeMajorInput(s, GraphOps.Transpose(v[0]), withBias ? v[1] : null));
        Variable Reference(Variable[] v) => withBias ? Variable.SparseMultiply(s, v[0]).AddRowVector(v[1]) : Variable.SparseMultiply(s, v[0]);
        FusedEqualsReference(Fused, Reference, withBias ? [x, b] : [x], rng);
    }

    // 64 inputs: AVX-512 slices only; 13: one slice, a scalar tail, and the shorter dot loop
    [Theory]
    [InlineData(64)]
    [InlineData(13)]
    public void NodeMajorLinearEqualsTheTransposedProduct(int inputs)
    {
        var rng = new Random(14);
        var x = GradientTestKit.RandomMatrix(rng, 9, inputs);
        var w = GradientTestKit.RandomMatrix(rng, inputs, 7);
        FusedEqualsReference(v => GraphOps.Transpose(GraphOps.LinearNodeMajor(GraphOps.Transpose(v[0]), v[1])), v => v[0] * v[1], [x, w], rng);
    }

    // The classifiers' sparse path runs node-major (GatConv.ForwardToNodeMajor / ForwardFromNodeMajor, GcnConv's two
    // node-major products); the dense path is the column-major reference. Without dropout both must agree, gradients too.
    [Fact]
    public void SparseNodeMajorPathsGiveTheDenseGradients()
    {
        var rng = new Random(15);
        var graph = GraphTestKit.RandomGraph(6, 0.5, rng);
        var dense = GradientTestKit.RandomMatrix(rng, 6, 5).PointwiseMultiply(DenseMatrix.Create(6, 5, (i, j) => (i + j) % 2));
        var sparse = CsrMatrix.FromMatrix(dense);
        GraphModule[] models = [new GatNodeClassifier(5, 2, 4, 3, new Random(1)), new GcnNodeClassifier(5, 4, 3, new Random(2))];
        foreach (var model in models)
        {
            model.Eval();
            var seed = GradientTestKit.RandomMatrix(rng, 6, 3);
            var parameters = model.Parameters().Cast<Variable>().ToArray();
            foreach (var createGraph in new[] { false, true })
            {
                var fromSparse = Gradients.Of(model.Forward(sparse, graph), parameters, Variable.Constant(seed), createGraph: createGraph);
                var fromDense = Gradients.Of(model.Forward(Variable.Constant(dense), graph), parameters, Variable.Constant(seed), createGraph: createGraph);
                for (var p = 0; p < parameters.Length; p++) (fromSparse[p].Value - fromDense[p].Value).InfinityNorm().Should().BeLessThan(1e-12);
            }
        }
    }

    [Fact]
    public void CompactSparseDropoutEqualsDropoutWithStoredZeros()
    {
        var rng = new Random(16);
        var x = CsrMatrix.FromMatrix(GradientTestKit.RandomMatrix(rng, 30, 20).PointwiseMultiply(DenseMatrix.Create(30, 20, (i, j) => (i * 3 + j) % 4 == 0 ? 1 : 0)));
        var stored = SparseDropout.Apply(x, 0.6, new Random(17));
        var compact = SparseDropout.ApplyCompact(x, 0.6, new Random(17));
        compact.NonZeroCount.Should().BeLessThan(stored.NonZeroCount);
        (compact.ToDense() - stored.ToDense()).InfinityNorm().Should().Be(0.0);
        foreach (var v in compact.ValueArray) v.Should().NotBe(0.0);
    }

    [Fact]
    public void GatheredTransposedProductIsBitIdenticalToTheScatter()
    {
        var rng = new Random(12);
        var s = CsrMatrix.FromMatrix(GradientTestKit.RandomMatrix(rng, 40, 30).PointwiseMultiply(DenseMatrix.Create(40, 30, (i, j) => (i * 7 + j * 3) % 5 == 0 ? 1 : 0)));
        foreach (var width in new[] { 1, 7, 16, 45, 64 })
        {
            var g = Enumerable.Range(0, 40 * width).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var (gathered, scattered) = (new double[30 * width], new double[30 * width]);
            SparseKernels.MultiplyTransposed(s, g, width, gathered);
            SparseKernels.MultiplyTransposedAdd(s.RowPointerArray, s.ColumnIndexArray, s.ValueArray, s.RowCount, g, width, scattered);
            gathered.Should().Equal(scattered);
        }
    }

    [Theory]
    [InlineData(0.5, 101)]
    [InlineData(0.6, 16)]
    [InlineData(0.1, 7)]
    public void DropoutMaskEqualsThePlainSplitMixLoop(double p, int length)
    {
        var mask = new double[length];
        DropoutMask.Fill(mask, p, new Random(13));
        var state = (ulong)new Random(13).NextInt64();
        var threshold = (ulong)Math.Ceiling(p * 4294967296.0);
        var expected = new double[length];
        for (var k = 0; k < length; k += 2)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            expected[k] = (z & 0xFFFFFFFFUL) < threshold ? 0.0 : 1.0 / (1.0 - p);
            if (k + 1 < length) expected[k + 1] = (z >> 32) < threshold ? 0.0 : 1.0 / (1.0 - p);
        }

        mask.Should().Equal(expected);
    }

    private static void FusedEqualsReference(Func<Variable[], Variable> fused, Func<Variable[], Variable> reference, MathNet.Numerics.LinearAlgebra.Matrix<double>[] inputs, Random rng)
    {
        var seed = GradientTestKit.RandomMatrix(rng, reference(inputs.Select(Variable.Constant).ToArray()).Rows, reference(inputs.Select(Variable.Constant).ToArray()).Columns);
        (fused(inputs.Select(Variable.Constant).ToArray()).Value - reference(inputs.Select(Variable.Constant).ToArray()).Value).InfinityNorm().Should().BeLessThan(1e-12);
        foreach (var createGraph in new[] { false, true })
        {
            var a = inputs.Select(m => new Variable(m, requiresGrad: true)).ToArray();
            var b = inputs.Select(m => new Variable(m, requiresGrad: true)).ToArray();
            var ga = Gradients.Of(fused(a), a, Variable.Constant(seed), createGraph: createGraph);
            var gb = Gradients.Of(reference(b), b, Variable.Constant(seed), createGraph: createGraph);
            for (var p = 0; p < inputs.Length; p++) (ga[p].Value - gb[p].Value).InfinityNorm().Should().BeLessThan(1e-12);
        }

        GradientTestKit.WorstRelativeError(fused, inputs, rng).Should().BeLessThan(1e-6);
    }

    [Fact]
    public void Node_wise_linear_maps_name_mismatched_shapes()
    {
        var x = new Variable(new DenseMatrix(10, 4));
        var w = new Variable(new DenseMatrix(5, 3));
        var rowMajor = () => GraphOps.Linear(x, w);
        rowMajor.Should().Throw<ArgumentException>().WithMessage("Linear: features are 10x4, weight is 5x3*");
        var nodeMajor = () => GraphOps.LinearNodeMajor(x, w); // node-major 10 x n: 10 features, 5 weight rows
        nodeMajor.Should().Throw<ArgumentException>().WithMessage("LinearNodeMajor: node-major features are 10x4, weight is 5x3*");
    }
}
