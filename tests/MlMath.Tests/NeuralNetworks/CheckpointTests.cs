using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using MlMath.Serialization;

namespace MlMath.Tests.NeuralNetworks;

/// <summary>Modules and optimizer state through safetensors files.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mlmath-checkpoints-" + Guid.NewGuid().ToString("N"));

    public CheckpointTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static long[] Bits(Module m) => m.Parameters().SelectMany(p => p.Value.Enumerate()).Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void A_module_round_trips_bit_exactly()
    {
        var path = Path.Combine(_folder, "model.safetensors");
        var original = Mlp.Create([3, 5, 2], ActivationKind.Tanh, new Random(1));
        original.Save(path);
        var copy = Mlp.Create([3, 5, 2], ActivationKind.Tanh, new Random(2));
        var result = copy.Load(path);
        result.Loaded.Should().BeEquivalentTo("0.weight", "0.bias", "2.weight", "2.bias");
        Bits(copy).Should().Equal(Bits(original));
    }

    [Fact]
    public void A_mismatched_checkpoint_leaves_the_module_unchanged()
    {
        var path = Path.Combine(_folder, "other.safetensors");
        Mlp.Create([3, 4, 2], ActivationKind.Tanh, new Random(1)).Save(path);
        var model = Mlp.Create([3, 5, 2], ActivationKind.Tanh, new Random(2));
        var before = Bits(model);
        FluentActions.Invoking(() => model.Load(path)).Should().Throw<SafeTensorsMismatchException>().WithMessage("*0.weight*");
        Bits(model).Should().Equal(before);
    }

    [Fact]
    public void Partial_loading_reports_the_names_that_did_not_match()
    {
        // A pretrained 3-5-2 body loaded into a model whose head was replaced (3-5 body + new head with other names).
        var path = Path.Combine(_folder, "body.safetensors");
        new Sequential(new Linear(3, 5, new Random(1))).Save(path);
        var model = Mlp.Create([3, 5, 2], ActivationKind.Tanh, new Random(2));
        var result = model.Load(path, strict: false);
        result.Loaded.Should().BeEquivalentTo("0.weight", "0.bias");
        result.Missing.Should().BeEquivalentTo("2.weight", "2.bias");
        FluentActions.Invoking(() => model.Load(path)).Should().Throw<SafeTensorsMismatchException>();
    }

    [Fact]
    public void Optimizer_state_file_resumes_training_bit_identically()
    {
        var x = Variable.Constant(DenseMatrix.Create(16, 1, (i, _) => i / 8.0 - 1.0));
        var y = Variable.Constant(DenseMatrix.Create(16, 1, (i, _) => Math.Cos(2 * (i / 8.0 - 1.0))));
        void Train(Module m, StochasticOptimizer o, int steps)
        {
            for (var s = 0; s < steps; s++)
            {
                o.ZeroGrad();
                Losses.MeanSquaredError(m.Forward(x), y).Backward();
                o.Step();
            }
        }

        var straight = Mlp.Create([1, 6, 1], ActivationKind.Tanh, new Random(5));
        var adam = new Adam(straight.Parameters(), 0.02);
        Train(straight, adam, 12);

        var first = Mlp.Create([1, 6, 1], ActivationKind.Tanh, new Random(5));
        var firstAdam = new Adam(first.Parameters(), 0.02);
        Train(first, firstAdam, 6);
        first.Save(Path.Combine(_folder, "m.safetensors"));
        firstAdam.SaveState(Path.Combine(_folder, "o.safetensors"));

        var resumed = Mlp.Create([1, 6, 1], ActivationKind.Tanh, new Random(77));
        resumed.Load(Path.Combine(_folder, "m.safetensors"));
        var resumedAdam = new Adam(resumed.Parameters(), 0.02);
        resumedAdam.LoadState(Path.Combine(_folder, "o.safetensors"));
        Train(resumed, resumedAdam, 6);
        Bits(resumed).Should().Equal(Bits(straight));
    }
}
