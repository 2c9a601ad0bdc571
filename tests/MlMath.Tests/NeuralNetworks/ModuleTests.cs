using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using MlMath.NeuralNetworks;

namespace MlMath.Tests.NeuralNetworks;

public sealed class ModuleTests
{
    [Fact]
    public void Mlp_lists_parameters_with_dotted_names_in_a_stable_order()
    {
        var model = Mlp.Create([2, 4, 3], ActivationKind.Tanh, new Random(1));
        model.NamedParameters().Select(p => p.Name).Should().Equal("0.weight", "0.bias", "2.weight", "2.bias");
        model.Parameters().Select(p => p.Shape).Should().Equal("2x4", "1x4", "4x3", "1x3");
        model.ParameterCount().Should().Be(2 * 4 + 4 + 4 * 3 + 3);
        model.StateDict().Select(kv => kv.Key).Should().Equal("0.weight", "0.bias", "2.weight", "2.bias");
    }

    [Fact]
    public void Linear_computes_x_W_plus_b()
    {
        var layer = new Linear(2, 3, new Random(0));
        layer.Weight.Assign(DenseMatrix.OfArray(new[,] { { 1.0, 2.0, 3.0 }, { -1.0, 0.0, 1.0 } }));
        layer.Bias!.Assign(DenseMatrix.OfArray(new[,] { { 0.5, 0.5, 0.5 } }));
        var y = layer.Forward(DenseMatrix.OfArray(new[,] { { 1.0, 1.0 }, { 2.0, 0.0 } })).Value;
        y.Row(0).ToArray().Should().Equal(0.5, 2.5, 4.5);
        y.Row(1).ToArray().Should().Equal(2.5, 4.5, 6.5);
    }

    [Fact]
    public void Linear_rejects_the_wrong_number_of_features()
    {
        var layer = new Linear(3, 2, new Random(0));
        FluentActions.Invoking(() => layer.Forward(new DenseMatrix(4, 2))).Should().Throw<ArgumentException>()
            .WithMessage("*Linear*4x2*expects 3 features*");
        FluentActions.Invoking(() => new Linear(0, 2, new Random(0))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Same_seed_gives_identical_parameters()
    {
        var a = Mlp.Create([3, 5, 2], ActivationKind.Relu, new Random(7));
        var b = Mlp.Create([3, 5, 2], ActivationKind.Relu, new Random(7));
        a.Parameters().Zip(b.Parameters()).Should().OnlyContain(p => p.First.Value.Equals(p.Second.Value));
        var c = Mlp.Create([3, 5, 2], ActivationKind.Relu, new Random(8));
        c.Parameters()[0].Value.Equals(a.Parameters()[0].Value).Should().BeFalse();
    }

    [Fact]
    public void Freeze_stops_gradients_and_Unfreeze_restores_them()
    {
        var model = Mlp.Create([2, 3, 1], ActivationKind.Tanh, new Random(2));
        var x = Variable.Constant(DenseMatrix.OfArray(new[,] { { 0.5, -1.0 } }));
        ((Sequential)model).Layers[0].Freeze();
        model.Forward(x).Sum().Backward();
        model.Parameters()[0].Grad.Should().BeNull();
        model.Parameters()[2].Grad.Should().NotBeNull();
        model.Unfreeze();
        model.ZeroGrad();
        model.Forward(x).Sum().Backward();
        model.Parameters().Should().OnlyContain(p => p.Grad != null);
    }

    [Fact]
    public void Train_and_Eval_propagate_to_children()
    {
        var model = Mlp.Create([2, 3, 1], ActivationKind.Tanh, new Random(2));
        model.Eval();
        model.Layers.Should().OnlyContain(l => !l.IsTraining);
        model.Train();
        model.Layers.Should().OnlyContain(l => l.IsTraining);
    }

    [Fact]
    public void Mlp_rejects_bad_sizes()
    {
        FluentActions.Invoking(() => Mlp.Create([3], ActivationKind.Tanh, new Random(0))).Should().Throw<ArgumentException>().WithMessage("*[3]*");
        FluentActions.Invoking(() => Mlp.Create([3, 0, 1], ActivationKind.Tanh, new Random(0))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Assign_checks_the_shape()
    {
        var p = new Parameter(new DenseMatrix(2, 2), "w");
        FluentActions.Invoking(() => p.Assign(new DenseMatrix(3, 2))).Should().Throw<ArgumentException>().WithMessage("*'w' is 2x2*3x2*");
    }
}
