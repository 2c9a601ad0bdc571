using MlMath.Autodiff;
using MlMath.Explainability;
using static MlMath.Tests.Explainability.ExplainabilityFixtures;

namespace MlMath.Tests.Explainability;

public sealed class GradientAttributionsTests
{
    private static readonly MathNet.Numerics.LinearAlgebra.Matrix<double> Inputs = Matrix(new[,] { { 1.0, 2.0, -1.0 }, { -0.5, 0.3, 4.0 } });

    [Fact]
    public void Saliency_of_a_linear_model_is_its_weight_vector_in_every_row_signed_or_absolute()
    {
        var signed = GradientAttributions.Saliency(Linear, Inputs, target: 0);
        var absolute = GradientAttributions.Saliency(Linear, Inputs, target: 0, absolute: true);
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                signed[i, j].Should().Be(LinearWeights[j]);
                absolute[i, j].Should().Be(Math.Abs(LinearWeights[j]));
            }
        }
    }

    [Fact]
    public void Saliency_of_an_mlp_matches_central_differences_row_by_row_and_for_each_target()
    {
        var model = Mlp3();
        Func<Variable, Variable> f = model.Forward;
        for (var target = 0; target < 2; target++)
        {
            var saliency = GradientAttributions.Saliency(f, Inputs, target);
            for (var i = 0; i < 2; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    const double h = 1e-5;
                    var plus = Inputs.Clone();
                    var minus = Inputs.Clone();
                    plus[i, j] += h;
                    minus[i, j] -= h;
                    var numeric = (model.Forward(plus).Value[i, target] - model.Forward(minus).Value[i, target]) / (2 * h);
                    saliency[i, j].Should().BeApproximately(numeric, 1e-8);
                }
            }
        }
    }

    [Fact]
    public void Gradient_times_input_of_a_linear_model_is_w_times_x_and_sums_to_f_x_minus_f_0()
    {
        var attributions = GradientAttributions.GradientTimesInput(Linear, Inputs, 0);
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++) attributions[i, j].Should().Be(LinearWeights[j] * Inputs[i, j]);
            attributions.Row(i).Sum().Should().BeApproximately(Linear(Variable.Constant(Inputs)).Value[i, 0] - LinearBias, 1e-12);
        }
    }

    [Fact]
    public void SmoothGrad_is_reproducible_equals_saliency_without_noise_and_is_exact_for_a_linear_model()
    {
        var model = Mlp3();
        Func<Variable, Variable> f = model.Forward;
        var a = GradientAttributions.SmoothGrad(f, Inputs, 1, noiseLevel: 0.2, sampleCount: 10, new Random(5));
        var b = GradientAttributions.SmoothGrad(f, Inputs, 1, noiseLevel: 0.2, sampleCount: 10, new Random(5));
        a.Should().BeEquivalentTo(b);
        (GradientAttributions.SmoothGrad(f, Inputs, 1, 0.0, 3, new Random(5)) - GradientAttributions.Saliency(f, Inputs, 1)).Enumerate().Should()
            .OnlyContain(e => Math.Abs(e) < 1e-15, "three identical gradients averaged differ only by rounding");
        var linear = GradientAttributions.SmoothGrad(Linear, Inputs, 0, 0.5, 7, new Random(1));
        linear.Row(1).ToArray().Should().Equal(LinearWeights.Select(w => w).ToArray(), (x, y) => Math.Abs(x - y) < 1e-12);
    }

    [Fact]
    public void SmoothGrad_of_a_quadratic_converges_to_its_gradient_at_the_rate_of_a_sample_mean()
    {
        // f(x) = sum_j x_j^2: grad = 2 (x + eps), so SmoothGrad = 2x + 2 mean(eps); sigma = 0.1 * range(x) = 0.3 for row 0.
        static Variable Quadratic(Variable x) => x.Square().SumPerRow();
        var x = Matrix(new[,] { { 1.0, 2.0, -1.0 } });
        var map = GradientAttributions.SmoothGrad(Quadratic, x, 0, noiseLevel: 0.1, sampleCount: 2000, new Random(3));
        for (var j = 0; j < 3; j++) map[0, j].Should().BeApproximately(2 * x[0, j], 4 * 2 * 0.3 / Math.Sqrt(2000));
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_clear_messages()
    {
        FluentActions.Invoking(() => GradientAttributions.Saliency(Linear, Inputs, 1)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Saliency: target 1 is not an output column; the model has 1 outputs*");
        FluentActions.Invoking(() => GradientAttributions.SmoothGrad(Linear, Inputs, 0, -0.1, 5, new Random(0))).Should()
            .Throw<ArgumentOutOfRangeException>().WithMessage("*noiseLevel*");
        FluentActions.Invoking(() => GradientAttributions.SmoothGrad(Linear, Inputs, 0, 0.1, 0, new Random(0))).Should()
            .Throw<ArgumentOutOfRangeException>().WithMessage("SmoothGrad: sampleCount must be at least 1, got 0*");
        var nan = Inputs.Clone();
        nan[1, 2] = double.NaN;
        FluentActions.Invoking(() => GradientAttributions.GradientTimesInput(Linear, nan, 0)).Should().Throw<ArgumentException>()
            .WithMessage("GradientTimesInput: input has a non-finite entry NaN at (1, 2)*");
        FluentActions.Invoking(() => GradientAttributions.Saliency(x => x.SliceRows(0, 1), Inputs, 0)).Should()
            .Throw<InvalidOperationException>().WithMessage("*one output row per input row*");
    }
}
