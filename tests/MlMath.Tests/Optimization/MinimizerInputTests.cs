using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.NeuralNetworks;
using MlMath.Optimization;
using static MlMath.Tests.Optimization.MoreGarbowHillstrom;

namespace MlMath.Tests.Optimization;

/// <summary>Bad input fails fast, before the first step, with a message naming the values involved.</summary>
public sealed class MinimizerInputTests
{
    [Fact]
    public void Gradient_length_different_from_x0_length_names_both()
    {
        var objective = Objective.FromFunction(x => (x * x, DenseVector.OfArray([1.0, 2.0])));
        var act = () => new Lbfgs(new StrongWolfeLineSearch()).Minimize(objective, DenseVector.OfArray([1.0, 2.0, 3.0]));

        act.Should().Throw<ArgumentException>().WithMessage("*x (x0) has length 3*gradient of length 2*");
    }

    [Fact]
    public void NaN_objective_at_x0_is_reported_with_its_value()
    {
        var objective = Objective.FromFunction(x => (double.NaN, x));
        var act = () => new Bfgs(new StrongWolfeLineSearch()).Minimize(objective, DenseVector.OfArray([1.0]));

        act.Should().Throw<ArgumentException>().WithMessage("Bfgs.Minimize: the objective at x0 is NaN*must be finite*");
    }

    [Fact]
    public void Empty_x0_is_rejected()
    {
        var act = () => new GradientDescent(new BacktrackingArmijoLineSearch()).Minimize(Rosenbrock.Objective, new DenseVector(0));
        act.Should().Throw<ArgumentException>().WithMessage("*x0 is empty*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Max_iterations_must_be_positive(int maxIterations)
    {
        var act = () => new MinimizerOptions { MaxIterations = maxIterations };
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*MaxIterations must be > 0, but is {maxIterations}*");
    }

    [Fact]
    public void Negative_or_NaN_tolerances_are_rejected_naming_them()
    {
        FluentActions.Invoking(() => new MinimizerOptions { GradientTolerance = -1e-6 }).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*GradientTolerance must be finite and >= 0, but is -1E-06*");
        FluentActions.Invoking(() => new MinimizerOptions { FunctionTolerance = double.NaN }).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*FunctionTolerance*NaN*");
    }

    [Fact]
    public void Minimizer_constructor_arguments_are_validated()
    {
        FluentActions.Invoking(() => new Lbfgs(new StrongWolfeLineSearch(), memory: 0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*memory must be >= 1, but is 0*");
        FluentActions.Invoking(() => new NewtonCg(new StrongWolfeLineSearch(), maxCgIterations: 0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*maxCgIterations must be >= 1, but is 0*");
        FluentActions.Invoking(() => new Bfgs(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Module_objective_rejects_a_point_of_the_wrong_length()
    {
        var model = new Linear(3, 1, new Random(1));
        var objective = Objective.FromModule(model, () => model.Forward(DenseMatrix.Create(2, 3, 1.0)).Sum());

        objective.Dimension.Should().Be(4);
        var act = () => new Lbfgs(new StrongWolfeLineSearch()).Minimize(objective, new DenseVector(5));
        act.Should().Throw<ArgumentException>().WithMessage("*x (x0) has length 5 but the module's gradient has length 4*");
    }
}
