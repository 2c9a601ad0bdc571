namespace MlMath.Optimization;

/// <summary>The choice of beta in nonlinear conjugate gradients, p_{k+1} = -g_{k+1} + beta_{k+1} p_k.</summary>
public enum ConjugateGradientFormula
{
    /// <summary>Fletcher-Reeves: beta = g_{k+1}'g_{k+1} / g_k'g_k (N&amp;W eq. 5.41a).</summary>
    FletcherReeves,

    /// <summary>Polak-Ribiere+: beta = max(0, g_{k+1}'(g_{k+1} - g_k) / g_k'g_k) (N&amp;W eqs. 5.44-5.45).</summary>
    PolakRibierePlus,
}
