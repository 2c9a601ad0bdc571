using CsCheck;
using MlMath.Autodiff;
using static MlMath.Tests.Autodiff.GradientTestKit;

namespace MlMath.Tests.Autodiff;

/// <summary>
/// Property tests: for every op, on random inputs of random shapes, the backward rule agrees with central
/// finite differences (worst relative error below 1e-6), and so does the derivative of the gradient itself
/// (double backward through the rule).
/// </summary>
public sealed class OpGradientTests
{
    public static TheoryData<string> OpNames()
    {
        var data = new TheoryData<string>();
        foreach (var op in OpCatalogue.All) data.Add(op.Name);
        return data;
    }

    private static readonly Gen<(int Rows, int Columns, int Seed)> Shapes =
        Gen.Select(Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int);

    [Theory]
    [MemberData(nameof(OpNames))]
    public void Backward_matches_central_differences(string name)
    {
        var op = OpCatalogue.All.Single(o => o.Name == name);
        Shapes.Sample(s =>
        {
            var rng = new Random(s.Seed);
            var error = WorstRelativeError(op.Apply, op.Inputs(rng, s.Rows, s.Columns), rng);
            error.Should().BeLessThan(1e-6, $"{name} at {s.Rows}x{s.Columns}, seed {s.Seed}");
        }, iter: 25);
    }

    [Theory]
    [MemberData(nameof(OpNames))]
    public void Double_backward_matches_central_differences_of_the_gradient(string name)
    {
        var op = OpCatalogue.All.Single(o => o.Name == name);
        Shapes.Sample(s =>
        {
            var rng = new Random(s.Seed);
            var inputs = op.Inputs(rng, s.Rows, s.Columns);
            var output = Evaluate(op, inputs);
            var weights = RandomMatrix(rng, output.RowCount, output.ColumnCount);
            var directions = inputs.Select(x => RandomMatrix(rng, x.RowCount, x.ColumnCount)).ToArray();

            // h(x) = sum_p <V_p, dL/dx_p> with L = sum(W .* f(x)); its gradient is the Hessian of L applied to V.
            Variable H(Variable[] xs, bool createGraph)
            {
                var loss = op.Apply(xs).PointwiseMultiply(Variable.Constant(weights)).Sum();
                var grads = Gradients.Of(loss, xs, createGraph: createGraph, allowUnused: true);
                var h = Variable.Scalar(0.0);
                for (var p = 0; p < xs.Length; p++) h += grads[p].PointwiseMultiply(Variable.Constant(directions[p])).Sum();
                return h;
            }

            var variables = inputs.Select(x => new Variable(x.Clone(), requiresGrad: true)).ToArray();
            var hValue = H(variables, createGraph: true);
            var analytic = hValue.RequiresGrad
                ? Gradients.Of(hValue, variables, allowUnused: true).Select(g => g.Value).ToArray()
                : inputs.Select(x => x * 0.0).ToArray(); // the gradient does not depend on x: a linear op

            double HAt(MathNet.Numerics.LinearAlgebra.Matrix<double>[] xs) =>
                H(xs.Select(x => new Variable(x, requiresGrad: true)).ToArray(), createGraph: false).Item;

            for (var p = 0; p < inputs.Length; p++)
            {
                var numeric = NumericGradient(HAt, inputs, p);
                WorstRelative(analytic[p], numeric).Should().BeLessThan(1e-6, $"{name} input {p} at {s.Rows}x{s.Columns}, seed {s.Seed}");
            }
        }, iter: 10);
    }

    private static MathNet.Numerics.LinearAlgebra.Matrix<double> Evaluate(OpCase op, MathNet.Numerics.LinearAlgebra.Matrix<double>[] inputs)
    {
        using var _ = GradMode.NoGrad();
        return op.Apply(inputs.Select(Variable.Constant).ToArray()).Value;
    }
}
