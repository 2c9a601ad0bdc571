using MlMath.DifferentialEquations;

namespace MlMath.Tests.DifferentialEquations;

public sealed class ButcherTableauTests
{
    public static TheoryData<string> Names() => new(ButcherTableau.All.Select(t => t.Name));

    private static ButcherTableau Get(string name) => ButcherTableau.All.Single(t => t.Name == name);

    [Theory]
    [MemberData(nameof(Names))]
    public void Rows_of_A_sum_to_c_and_the_weights_sum_to_one(string name)
    {
        var tableau = Get(name);
        for (var i = 0; i < tableau.Stages; i++) tableau.A(i).Sum().Should().BeApproximately(tableau.C[i], 1e-14, $"row {i}");
        tableau.B.Sum().Should().BeApproximately(1, 1e-14);
        if (tableau.EmbeddedWeights is { } bhat) bhat.Sum().Should().BeApproximately(1, 1e-14);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_weights_satisfy_the_order_conditions_up_to_the_stated_order(string name)
    {
        // The rooted-tree conditions up to order 4 (Hairer, Norsett & Wanner I, II.2, Table 2.2) and the two
        // "bushy" conditions of order 5: sum b c^(k-1) = 1/k for k <= p.
        var t = Get(name);
        var b = t.B.ToArray();
        CheckOrder(t, b, t.Order, 1e-12);
        if (t.EmbeddedWeights is { } bhat) CheckOrder(t, bhat.ToArray(), t.EmbeddedOrder, 1e-12);
    }

    [Fact]
    public void The_rk4_weights_fail_the_order_5_condition()
    {
        var t = ButcherTableau.RungeKutta4;
        var sum = 0.0;
        for (var i = 0; i < t.Stages; i++) sum += t.B[i] * Math.Pow(t.C[i], 4);
        sum.Should().NotBeApproximately(1.0 / 5, 1e-3, "classic RK4 is of order exactly 4");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Fsal_is_derived_from_the_data_and_dense_output_ends_at_b(string name)
    {
        var t = Get(name);
        var expectedFsal = name is "Bogacki-Shampine 3(2)" or "Dormand-Prince 5(4)" or "Tsitouras 5(4)";
        t.IsFsal.Should().Be(expectedFsal);
        if (!t.HasOwnDenseOutput) return;
        var w = new double[t.Stages];
        t.DenseWeights(1.0, w);
        for (var i = 0; i < t.Stages; i++) w[i].Should().BeApproximately(t.B[i], 1e-14, $"b_{i}(1) = b_{i}");
        t.DenseWeights(0.0, w);
        w.Should().OnlyContain(v => v == 0);
    }

    [Fact]
    public void Malformed_tableaux_are_rejected_with_a_message()
    {
        var act = () => new ButcherTableau("bad", [0.0, 1.0], [[], [0.5, 0.5]], [0.5, 0.5], 2);
        act.Should().Throw<ArgumentException>().WithMessage("*row 1*explicit*");
        var nan = () => new ButcherTableau("nan", [0.0], [[]], [double.NaN], 1);
        nan.Should().Throw<ArgumentException>().WithMessage("*finite*");
    }

    private static void CheckOrder(ButcherTableau t, double[] b, int order, double tolerance)
    {
        var s = t.Stages;
        var c = t.C.ToArray();
        double A(int i, int j) => j < i ? t.A(i)[j] : 0.0;
        double Ac(int i, Func<int, double> g) => Enumerable.Range(0, s).Sum(j => A(i, j) * g(j));
        for (var k = 1; k <= order; k++)
        {
            var sum = Enumerable.Range(0, s).Sum(i => b[i] * Math.Pow(c[i], k - 1));
            sum.Should().BeApproximately(1.0 / k, tolerance, $"{t.Name}: sum b c^{k - 1} = 1/{k}");
        }

        if (order >= 3) Enumerable.Range(0, s).Sum(i => b[i] * Ac(i, j => c[j])).Should().BeApproximately(1.0 / 6, tolerance, "sum b a c = 1/6");
        if (order >= 4)
        {
            Enumerable.Range(0, s).Sum(i => b[i] * c[i] * Ac(i, j => c[j])).Should().BeApproximately(1.0 / 8, tolerance, "sum b c a c = 1/8");
            Enumerable.Range(0, s).Sum(i => b[i] * Ac(i, j => c[j] * c[j])).Should().BeApproximately(1.0 / 12, tolerance, "sum b a c^2 = 1/12");
            Enumerable.Range(0, s).Sum(i => b[i] * Ac(i, j => Ac(j, m => c[m]))).Should().BeApproximately(1.0 / 24, tolerance, "sum b a a c = 1/24");
        }
    }
}
