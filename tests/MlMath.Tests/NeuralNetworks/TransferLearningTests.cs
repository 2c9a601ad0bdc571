using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Serialization;

namespace MlMath.Tests.NeuralNetworks;

/// <summary>Freezing, parameter groups, replacing a head and loading a pretrained body.</summary>
public sealed class TransferLearningTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mlmath-transfer-" + Guid.NewGuid().ToString("N"));

    public TransferLearningTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static long[] Bits(Module m) => m.Parameters().SelectMany(p => p.Value.Enumerate()).Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static (Matrix<double> X, int[] Labels) Data(int n, int seed)
    {
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(n, 4, (_, _) => (2 * random.NextDouble()) - 1);
        return (x, Enumerable.Range(0, n).Select(i => x[i, 0] + x[i, 1] > 0 ? 1 : 0).ToArray());
    }

    private static void Train(Module model, IOptimizer optimizer, Matrix<double> x, int[] labels, int steps)
    {
        for (var s = 0; s < steps; s++)
        {
            optimizer.ZeroGrad();
            Losses.SoftmaxCrossEntropy(model.Forward(x), labels).Backward();
            optimizer.Step();
        }
    }

    [Fact]
    public void A_frozen_body_is_bit_identical_after_training_while_the_new_head_learns()
    {
        var body = Mlp.Create([4, 8, 8], ActivationKind.Tanh, new Random(1), output: ActivationKind.Tanh);
        var model = new Sequential(body, new Linear(8, 2, new Random(2)));
        var (x, labels) = Data(64, 3);
        body.Freeze();
        var bodyBefore = Bits(body);
        var headBefore = Bits(model.Layers[1]);
        var lossBefore = Losses.SoftmaxCrossEntropy(model.Forward(x), labels).Item;

        // Weight decay and momentum would move a frozen parameter if the optimizer did not skip it.
        Train(model, new AdamW(model.Parameters(), 0.05, weightDecay: 0.1), x, labels, 30);
        Train(model, new Sgd(model.Parameters(), 0.05, momentum: 0.9, weightDecay: 0.1), x, labels, 30);

        Bits(body).Should().Equal(bodyBefore);
        body.Parameters().Should().OnlyContain(p => p.Grad == null && p.IsFrozen);
        Bits(model.Layers[1]).Should().NotEqual(headBefore);
        Losses.SoftmaxCrossEntropy(model.Forward(x), labels).Item.Should().BeLessThan(0.8 * lossBefore);
        body.Unfreeze();
        body.Parameters().Should().OnlyContain(p => !p.IsFrozen);
    }

    [Fact]
    public void Parameter_groups_step_the_body_and_the_head_with_their_own_learning_rates()
    {
        var model = new Sequential(new Linear(4, 3, new Random(4)), new Activation(ActivationKind.Tanh), new Linear(3, 2, new Random(5)));
        var (x, labels) = Data(16, 6);
        var body = model.Layers[0].Parameters();
        var head = model.Layers[2].Parameters();
        var sgd = new Sgd([new ParameterGroup(body, 0.01), new ParameterGroup(head, 1.0)], learningRate: 0.5);
        var before = model.Parameters().Select(p => p.Value.Clone()).ToList();
        Losses.SoftmaxCrossEntropy(model.Forward(x), labels).Backward();
        var gradients = model.Parameters().Select(p => p.Grad!.Clone()).ToList();
        sgd.Step();

        var scales = new[] { 0.01, 0.01, 1.0, 1.0 };
        for (var k = 0; k < 4; k++)
        {
            var expected = before[k] - (0.5 * scales[k] * gradients[k]);
            (model.Parameters()[k].Value - expected).Enumerate().Should().OnlyContain(e => Math.Abs(e) < 1e-15, $"parameter {k} uses rate 0.5 x {scales[k]}");
        }
    }

    [Fact]
    public void Replacing_the_head_keeps_names_and_removing_a_layer_renumbers_the_rest()
    {
        var model = Mlp.Create([4, 6, 5], ActivationKind.Relu, new Random(7));
        var bodyWeight = model.Layers[0].Parameters()[0];
        var old = model.Replace(2, new Linear(6, 3, new Random(8)));
        ((Linear)old).OutFeatures.Should().Be(5);
        model.NamedParameters().Select(p => p.Name).Should().Equal("0.weight", "0.bias", "2.weight", "2.bias");
        model.Parameters()[0].Should().BeSameAs(bodyWeight);
        model.Forward(DenseMatrix.Create(2, 4, 1.0)).Shape.Should().Be("2x3");

        model.RemoveAt(1);
        model.Count.Should().Be(2);
        model.Children().Select(c => c.Name).Should().Equal("0", "1");
        model.NamedParameters().Select(p => p.Name).Should().Equal("0.weight", "0.bias", "1.weight", "1.bias");
        model.RemoveAt(1);
        model.Forward(DenseMatrix.Create(1, 4, 1.0)).Shape.Should().Be("1x6", "the body alone is a feature extractor");
        FluentActions.Invoking(() => model.Replace(3, new Linear(6, 1, new Random(0)))).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Sequential.Replace: index 3 is not a layer position; the model has 1 layers (0..0)*");
    }

    [Fact]
    public void A_pretrained_body_loads_strictly_from_its_own_checkpoint_and_partially_from_a_full_model()
    {
        var pretrained = Mlp.Create([4, 8, 8, 5], ActivationKind.Tanh, new Random(9));
        var full = Path.Combine(_folder, "full.safetensors");
        pretrained.Save(full);
        var pretrainedBody = new Sequential(pretrained.Layers.Take(4).ToArray());
        var bodyOnly = Path.Combine(_folder, "body.safetensors");
        pretrainedBody.Save(bodyOnly);

        // New task, 3 classes: the same body layout (children 0..3) and a new head 4.
        var model = Mlp.Create([4, 8, 8, 3], ActivationKind.Tanh, new Random(10));
        var headBefore = Bits(model.Layers[4]);

        // Plain partial loading fails on the head's shape, and leaves everything unchanged.
        var before = Bits(model);
        FluentActions.Invoking(() => model.Load(full, strict: false)).Should().Throw<SafeTensorsMismatchException>().WithMessage("*'4.weight' is 8x5*");
        Bits(model).Should().Equal(before);

        // Partial: skip the head by name; the old head is reported as unexpected.
        var partial = model.Load(full, name => name.StartsWith("4.", StringComparison.Ordinal) ? null : name, strict: false);
        partial.Loaded.Should().Equal("0.bias", "0.weight", "2.bias", "2.weight");
        partial.Missing.Should().BeEmpty();
        partial.Unexpected.Should().Equal("4.bias", "4.weight");
        Bits(new Sequential(model.Layers.Take(4).ToArray())).Should().Equal(Bits(pretrainedBody));
        Bits(model.Layers[4]).Should().Equal(headBefore);

        // Strict, with a prefix: the body checkpoint into child "0" of a (body, head) model.
        var nested = new Sequential(Mlp.Create([4, 8, 8], ActivationKind.Tanh, new Random(11)), new Linear(8, 3, new Random(12)));
        var strict = nested.Load(bodyOnly, modulePrefix: "0.", filePrefix: "", strict: true);
        strict.Loaded.Should().Equal("0.0.bias", "0.0.weight", "0.2.bias", "0.2.weight");
        Bits(nested.Layers[0]).Should().Equal(Bits(pretrainedBody));

        // Strict fails when the file holds more than the mapped tensors (the old head), naming them.
        FluentActions.Invoking(() => nested.Load(full, "0.", "", strict: true)).Should().Throw<SafeTensorsMismatchException>()
            .WithMessage("*not among the targets: '4.bias', '4.weight'*");

        // The other direction: a body read out of a full checkpoint (file prefix), strict on the mapped names.
        var reread = Mlp.Create([4, 8, 8], ActivationKind.Tanh, new Random(13));
        var fromNested = Path.Combine(_folder, "nested.safetensors");
        nested.Save(fromNested);
        reread.Load(fromNested, modulePrefix: "", filePrefix: "0.", strict: false).Unexpected.Should().Equal("1.bias", "1.weight");
        Bits(reread).Should().Equal(Bits(pretrainedBody));
    }

    [Fact]
    public void Two_names_mapped_to_one_tensor_are_rejected()
    {
        var model = Mlp.Create([2, 2], ActivationKind.Tanh, new Random(0));
        var path = Path.Combine(_folder, "m.safetensors");
        model.Save(path);
        FluentActions.Invoking(() => model.Load(path, _ => "0.weight")).Should().Throw<ArgumentException>()
            .WithMessage("Module.Load: '0.weight' and '0.bias' both map to the file tensor '0.weight'*");
    }
}
