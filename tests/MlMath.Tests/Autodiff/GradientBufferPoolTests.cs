using MathNet.Numerics.LinearAlgebra.Double;
using MlMath.Autodiff;
using static MlMath.Tests.Autodiff.GradientTestKit;

namespace MlMath.Tests.Autodiff;

/// <summary>
/// Recycling of large gradient arrays during plain backward passes: gradients must be exactly what a pass that
/// recycles nothing gives. The reference is the createGraph pass (Gradients.Of with createGraph: true), which
/// never recycles and builds every rule from Variable operations instead of the fused kernels.
/// </summary>
public sealed class GradientBufferPoolTests
{
    [Fact]
    public void Repeated_backward_passes_with_recycled_buffers_give_the_reference_gradients()
    {
        var rng = new Random(3);
        // 128 x 100 = 12,800 doubles: large objects, so every intermediate gradient is recyclable.
        var x = new Variable(RandomMatrix(rng, 128, 100, -1, 1), requiresGrad: true);
        var w = new Variable(RandomMatrix(rng, 100, 100, -0.2, 0.2), requiresGrad: true);
        var b = new Variable(RandomMatrix(rng, 1, 100), requiresGrad: true);
        var c = Variable.Constant(RandomMatrix(rng, 128, 100));

        Variable Loss()
        {
            var h = Variable.Affine(x, w, b, FusedActivation.Tanh);
            var z = h + x;                      // Add passes the same gradient to both parents
            var u = (z * w).Sigmoid();          // w used twice: contributions summed
            var v = u.PointwiseMultiply(c) - h; // h used twice
            return v.Square().Sum() + (z.PointwiseMultiply(z) * w).Sum();
        }

        var reference = Gradients.Of(Loss(), [x, w, b], createGraph: true).Select(g => g.Value.Clone()).ToArray();
        var returnedBefore = GradientBufferPool.ReturnedOnThisThread;
        for (var pass = 0; pass < 4; pass++)
        {
            x.ZeroGrad();
            w.ZeroGrad();
            b.ZeroGrad();
            Loss().Backward();
            WorstRelative(x.Grad!, reference[0]).Should().BeLessThan(1e-12, $"x, pass {pass}");
            WorstRelative(w.Grad!, reference[1]).Should().BeLessThan(1e-12, $"w, pass {pass}");
            WorstRelative(b.Grad!, reference[2]).Should().BeLessThan(1e-12, $"b, pass {pass}");
        }

        // The recycling really happened (so the comparison above tested it).
        GradientBufferPool.ReturnedOnThisThread.Should().BeGreaterThan(returnedBefore);
    }

    [Fact]
    public void A_gradient_kept_by_a_custom_rule_is_never_handed_out_again()
    {
        var rng = new Random(4);
        var x = new Variable(RandomMatrix(rng, 120, 100), requiresGrad: true);
        DenseMatrix? kept = null;
        var identity = Variable.Custom("KeepGradient", x.Value, [x], g =>
        {
            kept = (DenseMatrix)g.Value; // a user's rule may hold on to g
            return [g];
        });
        (identity.Tanh() * 2.0).Sum().Backward();
        var snapshot = kept!.Clone();

        // Another pass allocates large gradients again; none may reuse the kept array.
        x.ZeroGrad();
        (x.Tanh().Exp() * 3.0).Sum().Backward();
        kept.Should().BeEquivalentTo(snapshot);
    }
}
