using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;
using MlMath.Optimization;

namespace MlMath.Tests.Optimization;

/// <summary>Optimizers train real models; checkpointed state resumes bit-identically; groups scale rates.</summary>
public sealed class TrainingTests
{
    /// <summary>y = sin(3x) on [-1, 1], 64 points: a tanh MLP should fit it to a small mean squared error.</summary>
    private static (DenseMatrix X, DenseMatrix Y) SineData()
    {
        var x = DenseMatrix.Create(64, 1, (i, _) => -1.0 + 2.0 * i / 63);
        return (x, DenseMatrix.OfMatrix(x.Map(v => Math.Sin(3 * v))));
    }

    public static TheoryData<string> OptimizerNames() => new() { "Sgd", "Adam", "AdamW", "RmsProp", "AdaGrad" };

    private static StochasticOptimizer Make(string name, IReadOnlyList<Parameter> p) => name switch
    {
        "Sgd" => new Sgd(p, 0.1, momentum: 0.9, nesterov: true),
        "Adam" => new Adam(p, 0.01),
        "AdamW" => new AdamW(p, 0.01),
        "RmsProp" => new RmsProp(p, 0.003),
        "AdaGrad" => new AdaGrad(p, 0.1),
        _ => throw new ArgumentException(name),
    };

    private static double Train(Module model, StochasticOptimizer optimizer, int steps)
    {
        var (x, y) = SineData();
        var loss = double.NaN;
        for (var step = 0; step < steps; step++)
        {
            optimizer.ZeroGrad();
            var l = Losses.MeanSquaredError(model.Forward(x), Variable.Constant(y));
            l.Backward();
            optimizer.Step();
            loss = l.Item;
        }

        return loss;
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Each_optimizer_fits_a_sine_curve(string name)
    {
        var model = Mlp.Create([1, 16, 1], ActivationKind.Tanh, new Random(0));
        // The variance of sin(3x) on [-1, 1] is about 0.47; a fit below 0.01 has learned the curve.
        Train(model, Make(name, model.Parameters()), 1500).Should().BeLessThan(0.01);
    }

    [Fact]
    public void Resuming_from_saved_state_is_bit_identical()
    {
        var straight = Mlp.Create([1, 8, 1], ActivationKind.Tanh, new Random(3));
        var adam = new Adam(straight.Parameters(), 0.01);
        Train(straight, adam, 20);

        var resumed = Mlp.Create([1, 8, 1], ActivationKind.Tanh, new Random(3));
        var first = new Adam(resumed.Parameters(), 0.01);
        Train(resumed, first, 10);
        var savedParameters = resumed.StateDict().Select(kv => kv.Value.Clone()).ToList();
        var savedState = first.StateDict();

        var restarted = Mlp.Create([1, 8, 1], ActivationKind.Tanh, new Random(99));
        foreach (var (parameter, value) in restarted.Parameters().Zip(savedParameters)) parameter.Assign(value);
        var second = new Adam(restarted.Parameters(), 0.01);
        second.LoadStateDict(savedState);
        Train(restarted, second, 10);

        Train(straight, adam, 0);
        foreach (var (a, b) in straight.Parameters().Zip(restarted.Parameters()))
        {
            a.Value.Enumerate().Select(BitConverter.DoubleToInt64Bits).Should().Equal(b.Value.Enumerate().Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Loading_state_of_the_wrong_size_changes_nothing()
    {
        var model = Mlp.Create([1, 4, 1], ActivationKind.Tanh, new Random(1));
        var optimizer = new Adam(model.Parameters(), 0.01);
        Train(model, optimizer, 2);
        var before = optimizer.StateDict();
        var bad = before.Select(kv => kv.Key == "0.exp_avg" ? new KeyValuePair<string, MathNet.Numerics.LinearAlgebra.Matrix<double>>(kv.Key, new DenseMatrix(3, 1)) : kv).ToList();
        FluentActions.Invoking(() => optimizer.LoadStateDict(bad)).Should().Throw<ArgumentException>().WithMessage("*'0.exp_avg' has 3 entries, parameter 0 has 4*");
        optimizer.StateDict().Select(kv => kv.Value).Should().BeEquivalentTo(before.Select(kv => kv.Value));
    }

    [Fact]
    public void Parameter_groups_scale_the_learning_rate()
    {
        var body = new Parameter(DenseMatrix.Create(1, 1, 1.0), "body");
        var head = new Parameter(DenseMatrix.Create(1, 1, 1.0), "head");
        var sgd = new Sgd([new ParameterGroup([body], 0.1), new ParameterGroup([head])], learningRate: 0.5);
        (body + head).Sum().Backward();
        sgd.Step();
        body.Item.Should().BeApproximately(1.0 - 0.05, 1e-15);
        head.Item.Should().BeApproximately(1.0 - 0.5, 1e-15);
        FluentActions.Invoking(() => new Sgd([new ParameterGroup([body]), new ParameterGroup([body])], 0.1))
            .Should().Throw<ArgumentException>().WithMessage("*more than once*");
    }
}
