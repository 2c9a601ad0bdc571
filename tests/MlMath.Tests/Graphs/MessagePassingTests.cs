using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.Graphs;
using MlMath.LinearAlgebra;
using MlMath.Tests.Autodiff;

namespace MlMath.Tests.Graphs;

/// <summary>The message-passing building blocks and the fused ops: gradient checks, and fused = reference.</summary>
public class MessagePassingTests
{
    private static readonly Graph G = GraphTestKit.RandomGraph(6, 0.4, new Random(21)).AddSelfLoops();

    [Theory]
    [InlineData(Aggregation.Sum)]
    [InlineData(Aggregation.Mean)]
    [InlineData(Aggregation.Max)]
    public void AggregationGradientsMatchCentralDifferences(Aggregation aggregation)
    {
        var rng = new Random(2);
        var messages = GradientTestKit.RandomMatrix(rng, G.EdgeCount, 3);
        GradientTestKit.WorstRelativeError(v => MessagePassing.Aggregate(v[0], G, aggregation), [messages], rng).Should().BeLessThan(1e-7);
    }

    [Fact]
    public void AggregationsComputeSumMeanAndMaxOfTheIncomingMessages()
    {
        var graph = Graph.FromEdges(3, [1, 2, 0], [0, 0, 1]); // into 0: from 1 and 2; into 1: from 0; node 2: none
        var messages = Variable.Constant(DenseMatrix.OfArray(new double[,] { { 1, -4 }, { 3, 2 }, { 5, 6 } })); // rows in stored order: (1->0), (2->0), (0->1)

        MessagePassing.Aggregate(messages, graph, Aggregation.Sum).Value.Should().BeEquivalentTo(DenseMatrix.OfArray(new double[,] { { 4, -2 }, { 5, 6 }, { 0, 0 } }));
        MessagePassing.Aggregate(messages, graph, Aggregation.Mean).Value.Should().BeEquivalentTo(DenseMatrix.OfArray(new double[,] { { 2, -1 }, { 5, 6 }, { 0, 0 } }));
        MessagePassing.Aggregate(messages, graph, Aggregation.Max).Value.Should().BeEquivalentTo(DenseMatrix.OfArray(new double[,] { { 3, 2 }, { 5, 6 }, { 0, 0 } }));
    }

    [Fact]
    public void NeighbourhoodSoftmaxGradientMatchesCentralDifferences()
    {
        var rng = new Random(3);
        var scores = GradientTestKit.RandomMatrix(rng, G.EdgeCount, 2);
        GradientTestKit.WorstRelativeError(v => MessagePassing.NeighbourhoodSoftmax(v[0], G), [scores], rng).Should().BeLessThan(1e-7);
    }

    // 3 heads take the scalar loop of AttentionKernels, 6 one vector of four heads and a scalar tail of two, 8 two
    // vectors; 8 features per head take the unrolled aggregation kernels (SparseKernels.Axpy8, Dot8).
    [Theory]
    [InlineData(0.0, 3, 6)]
    [InlineData(0.5, 3, 6)]
    [InlineData(0.5, 6, 12)]
    [InlineData(0.3, 8, 16)]
    [InlineData(0.3, 2, 16)]
    public void FusedAttentionEqualsTheComposition(double dropout, int heads, int width)
    {
        var rng = new Random(4);
        var h = GradientTestKit.RandomMatrix(rng, G.NodeCount, width);
        var aSource = GradientTestKit.RandomMatrix(rng, 1, width);
        var aTarget = GradientTestKit.RandomMatrix(rng, 1, width);
        var seed = rng.Next();
        var edgeMajorMask = DenseMatrix.Create(heads, G.EdgeCount, 1.0); // the fused op draws its mask edge by edge
        if (dropout > 0.0) DropoutMask.Fill(edgeMajorMask.Values, dropout, new Random(seed));
        var mask = edgeMajorMask.Transpose();
        var b = GradientTestKit.RandomMatrix(rng, 1, width);
        Variable Alpha(Variable[] v) => MessagePassing.NeighbourhoodSoftmax(
            (MessagePassing.SourceFeatures(GraphOps.HeadDot(v[0], v[1], heads), G) + MessagePassing.TargetFeatures(GraphOps.HeadDot(v[0], v[2], heads), G)).LeakyRelu(0.2), G)
            .PointwiseMultiply(Variable.Constant(mask));
        Variable Reference(Variable[] v) => MessagePassing.AggregateWeighted(Alpha(v), v[0], G).AddRowVector(v[3]);
        // GatPropagate works on node-major features (h^T in, out^T out)
        Variable Fused(Variable[] v) => GraphOps.Transpose(GraphOps.GatPropagate(GraphOps.Transpose(v[0]), v[1], v[2], v[3], G, heads, 0.2, dropout, new Random(seed)).Output);
        Variable FusedWithoutBias(Variable[] v) => GraphOps.Transpose(GraphOps.GatPropagate(GraphOps.Transpose(v[0]), v[1], v[2], null, G, heads, 0.2, dropout, new Random(seed)).Output);

        FusedEqualsReference(FusedWithoutBias, v => MessagePassing.AggregateWeighted(Alpha(v), v[0], G), [h, aSource, aTarget], rng);
        (GraphOps.GatPropagate(Variable.Constant(h.Transpose()), Variable.Constant(aSource), Variable.Constant(aTarget), null, G, heads, 0.2, dropout, new Random(seed)).Alpha
            - Alpha([Variable.Constant(h), Variable.Constant(aSource), Variable.Constant(aTarget)]).Value).InfinityNorm().Should().BeLessThan(1e-12);
        FusedEqualsReference(Fused, Reference, [h, aSource, aTarget, b], rng);
    }

    [Fact]
    public void FusedWeightedAggregateWithBiasEqualsAggregatePlusBias()
    {
        var rng = new Random(5);
        var alpha = GradientTestKit.RandomMatrix(rng, G.EdgeCount, 2);
        var x = GradientTestKit.RandomMatrix(rng, G.NodeCount, 4);
        var b = GradientTestKit.RandomMatrix(rng, 1, 4);
        FusedEqualsReference(v => GraphOps.WeightedAggregate(v[0], v[1], G, v[2]),
            v => GraphOps.WeightedAggregate(v[0], v[1], G).AddRowVector(v[2]), [alpha, x, b], rng);
    }

    [Fact]
    public void FusedWeightedAggregateEqualsGatherScaleScatter()
    {
        var rng = new Random(6);
        var alpha = GradientTestKit.RandomMatrix(rng, G.EdgeCount, 2);
        var x = GradientTestKit.RandomMatrix(rng, G.NodeCount, 6);
        var blocks = GraphOps.BlockIndicator(6, 2);
        Variable Reference(Variable[] v) => Variable.MatMulTransposeB(v[0], Variable.Constant(blocks))
            .PointwiseMultiply(MessagePassing.SourceFeatures(v[1], G)).ScatterAddRows(G.Targets, G.NodeCount);
        Variable Fused(Variable[] v) => MessagePassing.AggregateWeighted(v[0], v[1], G);

        FusedEqualsReference(Fused, Reference, [alpha, x], rng);
    }

    // 17 columns: a 16-column register slice and a scalar tail; 45 = 32 + 8 + 4 + 1 takes every slice width.
    [Theory]
    [InlineData(17)]
    [InlineData(45)]
    public void FusedSparseProductEqualsTheCsrReference(int width)
    {
        var rng = new Random(7);
        var s = CsrMatrix.FromMatrix(GradientTestKit.RandomMatrix(rng, 5, 6).PointwiseMultiply(DenseMatrix.Create(5, 6, (i, j) => (i * j) % 3 == 1 ? 1 : 0)));
        var x = GradientTestKit.RandomMatrix(rng, 6, width);
        FusedEqualsReference(v => MessagePassing.Propagate(s, v[0]), v => Variable.SparseMultiply(s, v[0]), [x], rng);
        FusedEqualsReference(v => GraphOps.SparseMultiplyNodeMajor(s, v[0]), v => Variable.SparseMultiply(s, v[0]).Transpose(), [x], rng);
        FusedEqualsReference(v => GraphOps.Transpose(v[0]), v => v[0].Transpose(), [x], rng);
    }

    [Fact]
    public void FusedLinearAndHeadDotEqualTheirCompositions()
    {
        var rng = new Random(8);
        var x = GradientTestKit.RandomMatrix(rng, 9, 6);
        var w = GradientTestKit.RandomMatrix(rng, 6, 5);
        FusedEqualsReference(v => GraphOps.Linear(v[0], v[1]), v => v[0] * v[1], [x, w], rng);

        var a = GradientTestKit.RandomMatrix(rng, 1, 6);
        var blocks = Variable.Constant(GraphOps.BlockIndicator(6, 3));
        FusedEqualsReference(v => GraphOps.HeadDot(v[0], v[1], 3), v => v[0].MultiplyRowVector(v[1]) * blocks, [x, a], rng);
    }

    [Fact]
    public void FusedEluDropoutEqualsEluThenTheSameMask()
    {
        var rng = new Random(10);
        var x = GradientTestKit.RandomAwayFromZero(rng, 8, 5);
        var seed = rng.Next();
        var mask = new DenseMatrix(8, 5);
        DropoutMask.Fill(mask.Values, 0.4, new Random(seed));
        FusedEqualsReference(v => GraphOps.EluDropout(v[0], 0.4, new Random(seed)), v => v[0].Elu().PointwiseMultiply(Variable.Constant(mask)), [x], rng);
    }

    [Fact]
    public void FusedReluDropoutAndBiasedPropagationEqualTheirCompositions()
    {
        var rng = new Random(12);
        var x = GradientTestKit.RandomAwayFromZero(rng, 8, 5);
        var seed = rng.Next();
        var mask = new DenseMatrix(8, 5);
        DropoutMask.Fill(mask.Values, 0.5, new Random(seed));
        FusedEqualsReference(v => GraphOps.ReluDropout(v[0], 0.5, new Random(seed)), v => v[0].Relu().PointwiseMultiply(Variable.Constant(mask)), [x], rng);

        var s = GcnConv.Normalize(G);
        var h = GradientTestKit.RandomMatrix(rng, G.NodeCount, 3);
        var b = GradientTestKit.RandomMatrix(rng, 1, 3);
        FusedEqualsReference(v => GraphOps.SparseMultiply(s, v[0], v[1]), v => Variable.SparseMultiply(s, v[0]).AddRowVector(v[1]), [h, b], rng);
    }

    [Fact]
    public void Gcn_layer_from_node_major_input_equals_linear_propagation_and_transpose()
    {
        // GCN's output layer as one op (X W and the node-major propagation never kept) against the three ops.
        var rng = new Random(15);
        var s = GcnConv.Normalize(G);
        var nodeMajorX = GradientTestKit.RandomMatrix(rng, 4, G.NodeCount);
        var w = GradientTestKit.RandomMatrix(rng, 4, 3);
        var b = GradientTestKit.RandomMatrix(rng, 1, 3);
        FusedEqualsReference(
            v => GraphOps.GcnLayerFromNodeMajor(s, v[0], v[1], v[2]),
            v => GraphOps.Transpose(GraphOps.SparseMultiplyNodeMajorInput(s, GraphOps.LinearNodeMajor(v[0], v[1]), v[2])),
            [nodeMajorX, w, b], rng);
    }

    [Fact]
    public void Gcn_hidden_layer_in_one_op_equals_its_three_ops()
    {
        // GCN's training hidden layer as one op (X W and the pre-activation never kept) against the sparse product, the
        // propagation and ReluDropout: values, plain and createGraph gradients, and a gradient check.
        var rng = new Random(14);
        var s = GcnConv.Normalize(G);
        var features = CsrMatrix.FromMatrix(GradientTestKit.RandomMatrix(rng, G.NodeCount, 5).Map(v => v > 0.3 ? v : 0.0));
        var w = GradientTestKit.RandomMatrix(rng, 5, 3);
        var b = GradientTestKit.RandomMatrix(rng, 1, 3);
        var seed = rng.Next();
        FusedEqualsReference(
            v => GraphOps.GcnHiddenLayerNodeMajor(s, features, v[0], v[1], 0.5, new Random(seed)),
            v => GraphOps.ReluDropout(GraphOps.SparseMultiplyNodeMajorInput(s, GraphOps.SparseMultiplyNodeMajor(features, v[0]), v[1]), 0.5, new Random(seed)),
            [w, b], rng);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public void ReluDropout_gradient_read_back_from_the_output_is_the_mask_gradient_to_the_bit(double p)
    {
        // The rule recovers m where x > 0 from y = ReLU(x) m; it must give exactly g .* m .* [x > 0], the rule that
        // kept the mask. 7 x 3 = 21 entries: the vector loop and its scalar tail.
        var rng = new Random(13);
        var x = new Variable(GradientTestKit.RandomMatrix(rng, 7, 3), requiresGrad: true);
        var g = GradientTestKit.RandomMatrix(rng, 7, 3);
        var mask = new DenseMatrix(7, 3);
        if (p > 0.0) DropoutMask.Fill(mask.Values, p, new Random(99));
        else mask.Values.AsSpan().Fill(1.0);
        GraphOps.ReluDropout(x, p, new Random(99)).Backward(g);
        var expected = DenseMatrix.Create(7, 3, (i, j) => g[i, j] * (x.Value[i, j] > 0.0 ? mask[i, j] : 0.0));
        ((DenseMatrix)x.Grad!).Values.Should().Equal(expected.Values);
    }

    [Fact]
    public void SparseDropoutKeepsThePatternAndTheExpectation()
    {
        var x = CsrMatrix.FromCoordinates(200, 300, Enumerable.Range(0, 20000).Select(k => k % 200).ToArray(),
            Enumerable.Range(0, 20000).Select(k => k / 200 * 3 % 300).ToArray(), Enumerable.Repeat(1.0, 20000).ToArray());
        var dropped = SparseDropout.Apply(x, 0.6, new Random(1));

        dropped.ColumnIndices.Should().Equal(x.ColumnIndices);
        var kept = dropped.Values.Count(v => v != 0.0) / (double)x.NonZeroCount;
        kept.Should().BeApproximately(0.4, 5 * Math.Sqrt(0.24 / x.NonZeroCount));
        dropped.Values.Where(v => v != 0.0).Should().AllSatisfy(v => v.Should().Be(1.0 / 0.4));
        SparseDropout.Apply(x, 0.6, new Random(1)).Values.Should().Equal(dropped.Values); // same seed, same mask
    }

    /// <summary>
    /// Same value, same gradients as the reference (plain backward and createGraph backward), and the fused
    /// op's gradient passes the finite-difference check.
    /// </summary>
    private static void FusedEqualsReference(Func<Variable[], Variable> fused, Func<Variable[], Variable> reference, Matrix<double>[] inputs, Random rng)
    {
        using (GradMode.NoGrad())
        {
            var c = inputs.Select(Variable.Constant).ToArray();
            (fused(c).Value - reference(c).Value).InfinityNorm().Should().BeLessThan(1e-12);
        }

        var seed = GradientTestKit.RandomMatrix(rng, fused(inputs.Select(Variable.Constant).ToArray()).Rows, fused(inputs.Select(Variable.Constant).ToArray()).Columns);
        foreach (var createGraph in new[] { false, true })
        {
            var a = inputs.Select(m => new Variable(m, requiresGrad: true)).ToArray();
            var b = inputs.Select(m => new Variable(m, requiresGrad: true)).ToArray();
            var ga = Gradients.Of(fused(a), a, Variable.Constant(seed), createGraph: createGraph);
            var gb = Gradients.Of(reference(b), b, Variable.Constant(seed), createGraph: createGraph);
            for (var p = 0; p < inputs.Length; p++) (ga[p].Value - gb[p].Value).InfinityNorm().Should().BeLessThan(1e-12, $"input {p}, createGraph {createGraph}");
        }

        GradientTestKit.WorstRelativeError(fused, inputs, rng).Should().BeLessThan(1e-6);
    }
}
